package builtin

// Fixtures below are generated fake secrets (random values in the
// documented shape), never real credentials.
var _ = register(
	ruleCase{
		id: "stripe-secret-key",
		tps: []tp{
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property stripe_secret_key=sk_live_JWbyAj37rarzgNG4EldSqRvM`, `sk_live_JWbyAj37rarzgNG4EldSqRvM`},
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: stripe_secret_key => 'sk_live_MqrTCkSB6171wckpVj17LpXQ'`, `sk_live_MqrTCkSB6171wckpVj17LpXQ`},
			{`2024-05-14T08:07:08.3192053Z     stripe.api_key = "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"`, `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`},
			{`stripe.error.AuthenticationError: Invalid API Key provided: sk_test_51vg5XDDXHp5j2N3WDqD5LVUFqaP82HX82Hfr4chmUhlwlCK3YcH90uxqgcegCictUTYJPYrFczAEEi555O08ZgqNgn5EjoOu3V`, `sk_test_51vg5XDDXHp5j2N3WDqD5LVUFqaP82HX82Hfr4chmUhlwlCK3YcH90uxqgcegCictUTYJPYrFczAEEi555O08ZgqNgn5EjoOu3V`},
		},
		fps: []string{
			`publishable pk_live_5qbhXJio1cOrWHmtUQBZFhuh is public`,
			`STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`,
			`STRIPE_SECRET_KEY=sk_test_YOUR_SECRET_KEY_HERE`,
			`const key = "sk_live_fGWqDhgdvN" // truncated in docs`,
		},
	},
	ruleCase{
		id: "stripe-restricted-key",
		tps: []tp{
			{`Started GET "/integrations/callback?access_token=rk_live_AgPNerO2aWWw5m0tHadzyHcU" for 10.0.4.12 at 2024-05-14 08:01:12 +0000`, `rk_live_AgPNerO2aWWw5m0tHadzyHcU`},
			{`    client = Client(api_key="rk_live_uD6q2vgVjKeYhfKp6jYPSbeM")`, `rk_live_uD6q2vgVjKeYhfKp6jYPSbeM`},
			{`{"name":"ingest","level":30,"msg":"settings","config":{"stripe_key":"rk_test_51NWZsaYyT8d3dOPYHyuKXny9wEJGLZxBNvSHmoWp4SVjHVF3qheWkTM8tDGCTnUusF8n43KTArqAHzd8pc8Bjvkqhx2T1ddEgT","timeout":16},"v":0}`, `rk_test_51NWZsaYyT8d3dOPYHyuKXny9wEJGLZxBNvSHmoWp4SVjHVF3qheWkTM8tDGCTnUusF8n43KTArqAHzd8pc8Bjvkqhx2T1ddEgT`},
		},
		fps: []string{
			`rk_live_<restricted-key> in the README`,
			`rk_live_QM2AcWh2HLuo`,
		},
	},
	ruleCase{
		id: "stripe-webhook-secret",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: endpoint_secret => 'whsec_mFL9hnnV9BrjuzjqfUb5Cfmqjv6tRPaG'`, `whsec_mFL9hnnV9BrjuzjqfUb5Cfmqjv6tRPaG`},
			{`2024-05-14 08:04:10,348 WARNING app.clients: retrying with credential whsec_blqYGYUJzdtbb9Hmu2MwIaK0n5guMxI4 after 401`, `whsec_blqYGYUJzdtbb9Hmu2MwIaK0n5guMxI4`},
			{`2024-05-14 08:01:02,114 DEBUG svix: verifying with secret=whsec_1nyDXrqkbjuL4zuVeLmcvKTHTOGFVH7gZ/eUZZ8+MpM=`, `whsec_1nyDXrqkbjuL4zuVeLmcvKTHTOGFVH7gZ/eUZZ8+MpM=`},
		},
		fps: []string{
			`STRIPE_WEBHOOK_SECRET=whsec_...`,
			`whsec_NipwflfQ8xC5 (truncated)`,
		},
	},
)
