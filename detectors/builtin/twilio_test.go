package builtin

// Fixtures below are generated fake secrets (random values in the
// documented shape), never real credentials.
var _ = register(
	ruleCase{
		id: "twilio-api-key",
		tps: []tp{
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'twilio_api_key_sid': 'SK75561d21aa30dbec93b38baa39ecc8b2', 'timeout': 23}`, `SK75561d21aa30dbec93b38baa39ecc8b2`},
			{`    client = Client(twilio_api_key_sid="SKf7e066828d30449b05e90235050c1f22")`, `SKf7e066828d30449b05e90235050c1f22`},
			{`2024-05-14 08:02:11.402 INFO 1 --- [main] c.a.sms.Sender : using API key SK8aacb5ef6bfe213172e8329a07d3141d for account`, `SK8aacb5ef6bfe213172e8329a07d3141d`},
		},
		fps: []string{
			`SKD9586053DC0B49BA05F49CB98B7744FB uppercase is not a SID`,
			`TWILIO_API_KEY=SK9bcbe5bc4012930455ed`,
			`task SK16082ecd0d90bde2ac55f6baa1e613d478ba6f0f`,
		},
	},
	ruleCase{
		id: "twilio-account-sid",
		tps: []tp{
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property account_sid=AC6fbb5ce9098a1951028a3c73a5c013cc`, `AC6fbb5ce9098a1951028a3c73a5c013cc`},
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: account_sid => 'AC952d2e285e396cf9b30736bc574ef0fd'`, `AC952d2e285e396cf9b30736bc574ef0fd`},
			{`    client = Session(api_key="AC8053203c505fc828f978c55af17cbe72")`, `AC8053203c505fc828f978c55af17cbe72`},
		},
		fps: []string{
			`ACCEPTED 6ff5bed357b7f09a88e6a601d9f0670c`,
			`twilio_account_sid=AC07caf01b2047971f036251a42fafda4z`,
			`AC83f732cc3ad349645ac81c990bb487288220f7bd`,
		},
	},
	ruleCase{
		id: "twilio-auth-token",
		tps: []tp{
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","twilio_auth_token":"6dfa0045eaa829373c393705e9e35c43"}`, `6dfa0045eaa829373c393705e9e35c43`},
			{`  twilio_auth_token: ebbf219eedf40db405bf7ee22cf36097`, `ebbf219eedf40db405bf7ee22cf36097`},
			{`2024-05-14T08:03:20.1702711Z + export TWILIO_AUTH_TOKEN=ae1101eb0c39d2bf82971265f89e3adf`, `ae1101eb0c39d2bf82971265f89e3adf`},
			{`{"level":"debug","msg":"providers","config":{"twilio":{"auth_token":"6223e15a212fabc5a7488363581fd44c","region":"us1"}}}`, `6223e15a212fabc5a7488363581fd44c`},
			{`2024-05-14 08:05:52,282 DEBUG settings: SMS = {'twilio': {'auth_token': '7ce8647190fac3da5cda3fb0985a4a85'}}`, `7ce8647190fac3da5cda3fb0985a4a85`},
		},
		fps: []string{
			`TWILIO_AUTH_TOKEN=8d00a45b501a0239`,
			`md5=586a567cc19bdb38162b91122d1b7fc0 twilio-python/9.0.4`,
			`twilio_account_sid=AC362f53d1b3d7b7e9b85d556ee57b44f6`,
		},
	},
)
