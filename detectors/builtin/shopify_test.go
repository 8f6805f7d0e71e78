package builtin

// Fixtures below are generated fake secrets (random values in the
// documented shape), never real credentials.
var _ = register(
	ruleCase{
		id: "shopify-access-token",
		tps: []tp{
			{`    client = Client(api_key="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")`, `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`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","shopify_token":"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"}`, `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`},
			{`X-Shopify-Access-Token: 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`, `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`},
			{`SHOPIFY_PASSWORD=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`, `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`},
		},
		fps: []string{
			`shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
			`shpat_7540f6ec87f82618f884`,
		},
	},
	ruleCase{
		id: "shopify-shared-secret",
		tps: []tp{
			{`    client = Client(api_key="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")`, `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`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","shopify_api_secret":"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"}`, `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`},
		},
		fps: []string{
			`shpss_<secret>`,
			`shpss_f72551af26dafdb36ef4f85680b5f51`,
		},
	},
)
