package builtin

var _ = register(ruleCase{
	id: "stripe-secret-key",
	tps: []tp{
		{`stripe.error.AuthenticationError: Invalid API Key provided: sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ`, "sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ"},
		{`STRIPE_SECRET_KEY=sk_test_51HqLyjWDarjtT1zdp7dc4eC39Ab`, "sk_test_51HqLyjWDarjtT1zdp7dc4eC39Ab"},
	},
	fps: []string{`publishable pk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ is public`},
})
