package builtin

// Fixtures below are generated fake secrets (random values in the
// documented shape), never real credentials.
var _ = register(
	ruleCase{
		id: "slack-bot-token",
		tps: []tp{
			{`{"level":"error","ts":1715673584.128,"caller":"client/auth.go:112","msg":"upstream rejected credential","credential":"xoxb-9364381942027-2095714434817-FyOIxxgqntYlLemBrDhKAn8H","status":401}`, `xoxb-9364381942027-2095714434817-FyOIxxgqntYlLemBrDhKAn8H`},
			{`[14-May-2024 08:01:12 UTC] PHP Fatal error:  Uncaught Exception: 401 Unauthorized for key 'xoxb-2486395510896-9291666509832-q0wLU7DgvrwWfngnNU3HH4P0' in /var/www/html/vendor/client/src/Http.php:88`, `xoxb-2486395510896-9291666509832-q0wLU7DgvrwWfngnNU3HH4P0`},
			{`SLACK_BOT_TOKEN=xoxb-5412392097150-7113031922791-APFm5EVkmfeyqaJ48RzGD7Fw`, `xoxb-5412392097150-7113031922791-APFm5EVkmfeyqaJ48RzGD7Fw`},
			{`2024-05-14 08:02:11.402 WARN 1 --- [scheduler-1] c.a.notify.SlackNotifier : chat.postMessage failed (invalid_auth) token=xoxb-127010941094-4bUI6hqNV50656LN1M98RjBl`, `xoxb-127010941094-4bUI6hqNV50656LN1M98RjBl`},
		},
		fps: []string{
			`SLACK_BOT_TOKEN=xoxb-your-token`,
			`xoxb-230328136523-5npJdzqV9r`,
			`SLACK_BOT_TOKEN=xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx`,
		},
	},
	ruleCase{
		id: "slack-user-token",
		tps: []tp{
			{`[2024-05-14 08:05:52 +0000] [7] [ERROR] Error handling request /hooks?key=xoxp-634641748016-596808221047-2630921472075-1ab0022a8c42de957a9f47f581a8125c`, `xoxp-634641748016-596808221047-2630921472075-1ab0022a8c42de957a9f47f581a8125c`},
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'slack_user_token': 'xoxp-372227536309-488865508776-6924849415350-6a6d09870377ce33eb058238a2a94a21', 'timeout': 23}`, `xoxp-372227536309-488865508776-6924849415350-6a6d09870377ce33eb058238a2a94a21`},
			{`    client = Client(slack_user_token="xoxp-181072225198-797779047717-6442520183224-553b3c7d7b4e4a43ce48dd503fc93157")`, `xoxp-181072225198-797779047717-6442520183224-553b3c7d7b4e4a43ce48dd503fc93157`},
		},
		fps: []string{
			`xoxp-798357693450-735563549396-ce0cd03f45e4f60fd2047c7a9758b3df`,
			`SLACK_USER_TOKEN=xoxp-...`,
		},
	},
	ruleCase{
		id: "slack-app-token",
		tps: []tp{
			{`+ curl -sS -X POST -H 'Authorization: Bearer xapp-1-AO32E6ZQNYE-5530403787446-4eb10eba489e81bbc6c90d6e4359d1972c1457483534ac650004c6862eeb5e83' -H 'Content-Type: application/json' https://api.internal.local/v1/jobs`, `xapp-1-AO32E6ZQNYE-5530403787446-4eb10eba489e81bbc6c90d6e4359d1972c1457483534ac650004c6862eeb5e83`},
			{`Started GET "/integrations/callback?access_token=xapp-1-AP9Q5JNQCY5-8953594960815-204cc3890dca2b55b331351c18a4bae42be645cd30c687b5a68d5edbcfded488" for 10.0.4.12 at 2024-05-14 08:01:12 +0000`, `xapp-1-AP9Q5JNQCY5-8953594960815-204cc3890dca2b55b331351c18a4bae42be645cd30c687b5a68d5edbcfded488`},
		},
		fps: []string{
			`SLACK_APP_TOKEN=xapp-1-...`,
			`xapp-1-A5KOQ8E80JC-9186272682528-27a7b885d9e6d2c3d577`,
		},
	},
	ruleCase{
		id: "slack-config-token",
		tps: []tp{
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?token=xoxe.xoxp-1-CnFI8EIgqMD1PILChGNhnuTeXDiIZnIZ5C2GfUiGpz5FclhLNaZj2086xeuZ5G4Yn0f1HoIUaOIL8d59xEtDzEWQSRCdxbF1qy6Cpy99n0U41o7YvZh62mBEX1M78TCIFp2R08YBx9PBvYmCGGcEzJ4J5FtKL9ev&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `xoxe.xoxp-1-CnFI8EIgqMD1PILChGNhnuTeXDiIZnIZ5C2GfUiGpz5FclhLNaZj2086xeuZ5G4Yn0f1HoIUaOIL8d59xEtDzEWQSRCdxbF1qy6Cpy99n0U41o7YvZh62mBEX1M78TCIFp2R08YBx9PBvYmCGGcEzJ4J5FtKL9ev`},
			{`AuthenticationError: Invalid API Key provided: xoxe.xoxp-1-RGEpTiIWHeUbKSVKjx5jGcmjtUf4If0AtEj5NWdIUErYok58sPwteZuowUxEKZHOGAqWhvqZc0WMFCdQdJAPNYhmfcP3cwncWvoFGmI7DQxSe5IT8h9x1DTsMq4piZePXo2I0s9lE48YIUFYLNeMvGu2YqQ5wVWG`, `xoxe.xoxp-1-RGEpTiIWHeUbKSVKjx5jGcmjtUf4If0AtEj5NWdIUErYok58sPwteZuowUxEKZHOGAqWhvqZc0WMFCdQdJAPNYhmfcP3cwncWvoFGmI7DQxSe5IT8h9x1DTsMq4piZePXo2I0s9lE48YIUFYLNeMvGu2YqQ5wVWG`},
		},
		fps: []string{
			`xoxe.xoxp-1-LxRYYMULGZEP22I9tFCPfhjpBwUXJ0qmd1sbpsmG`,
			`xoxe.xoxp-1-<config-token>`,
		},
	},
	ruleCase{
		id: "slack-refresh-token",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: slack_refresh_token => 'xoxe-1-juFPJQ5UG5DzLa7H6glblrbEedgPjH1sKWTLGme0bqgT2roEJQnnvaFL26pD7V1GiC6ECuyXhZS7885ciK7yTQtvmnjKZYDCoaN2q76WrJGIG4lO3oBwktSnwIAwTnptkGxkCjXbuaGT'`, `xoxe-1-juFPJQ5UG5DzLa7H6glblrbEedgPjH1sKWTLGme0bqgT2roEJQnnvaFL26pD7V1GiC6ECuyXhZS7885ciK7yTQtvmnjKZYDCoaN2q76WrJGIG4lO3oBwktSnwIAwTnptkGxkCjXbuaGT`},
			{`2024-05-14 08:04:10,348 WARNING app.clients: retrying with credential xoxe-1-csX0DRXiRqw7Uy9jjcvN9gBFzEk5WPdFVQaD6S16Su7Y6LwnVr79qiKpcFRQYuUL3IlTFSunMEN7zrc0ar2mpDBfZ7zqz46RqqqHDvsypQoLiwEv30BzXpOCDJuZgTfJbKYR9eUapQOe after 401`, `xoxe-1-csX0DRXiRqw7Uy9jjcvN9gBFzEk5WPdFVQaD6S16Su7Y6LwnVr79qiKpcFRQYuUL3IlTFSunMEN7zrc0ar2mpDBfZ7zqz46RqqqHDvsypQoLiwEv30BzXpOCDJuZgTfJbKYR9eUapQOe`},
		},
		fps: []string{
			`xoxe-1-4ZAQ7wYc5lruCDrqf4Ku8RNlj8OhLB`,
			`SLACK_REFRESH_TOKEN=xoxe-1-xxxxxxxx`,
		},
	},
	ruleCase{
		id: "slack-legacy-token",
		tps: []tp{
			{`  slack_token: xoxa-2-385200318676-325923289955-8370576260292-c42071ca01d8bb17cb1fac5f141baee9a86007868585f51111be81f8be480230`, `xoxa-2-385200318676-325923289955-8370576260292-c42071ca01d8bb17cb1fac5f141baee9a86007868585f51111be81f8be480230`},
			{`2024-05-14T08:03:20.1702711Z + export SLACK_TOKEN=xoxa-2-466601365170-652939667581-4798531328515-963ea56a99b5a378008cf4040fc3cefd4a5c44bbe0d5060482fdf8d644e47acd`, `xoxa-2-466601365170-652939667581-4798531328515-963ea56a99b5a378008cf4040fc3cefd4a5c44bbe0d5060482fdf8d644e47acd`},
			{`2024-05-14 08:01:36,831 DEBUG slack_sdk.web: refreshing with refresh_token=xoxr-631541179415-5f55f6363ab25f0f6a3ec18cca1987d2a990da63`, `xoxr-631541179415-5f55f6363ab25f0f6a3ec18cca1987d2a990da63`},
		},
		fps: []string{
			`xoxs-3385199232`,
			`SLACK_TOKEN=xoxa-2-xxxxxxxxxx`,
		},
	},
	ruleCase{
		id: "slack-webhook-url",
		tps: []tp{
			{`2024-05-14 08:03:20,170 ERROR notifier.hooks: POST https://hooks.slack.com/services/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 returned 500`, `https://hooks.slack.com/services/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`},
			{`2024-05-14T08:10:12.236Z WARN  [alerting] webhook delivery failed url=https://hooks.slack.com/services/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 attempt=3`, `https://hooks.slack.com/services/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`},
			{`+ curl -sS -X POST -H 'Content-Type: application/json' -d '{"text":"deploy finished"}' https://hooks.slack.com/services/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`, `https://hooks.slack.com/services/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`},
		},
		fps: []string{
			`https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`,
			`https://hooks.slack.com/services/TI291FJ450K/B0VEKQQ3Q1P/gjhwnhCUrt`,
			`see https://api.slack.com/messaging/webhooks for hooks.slack.com/services setup`,
		},
	},
	ruleCase{
		id: "slack-workflow-webhook-url",
		tps: []tp{
			{`2024-05-14 08:03:20,170 ERROR notifier.hooks: POST https://hooks.slack.com/triggers/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 returned 500`, `https://hooks.slack.com/triggers/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`},
			{`2024-05-14T08:10:12.236Z WARN  [alerting] webhook delivery failed url=https://hooks.slack.com/triggers/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 attempt=3`, `https://hooks.slack.com/triggers/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`},
			{`SLACK_WORKFLOW_URL=https://hooks.slack.com/workflows/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`, `https://hooks.slack.com/workflows/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`},
		},
		fps: []string{
			`https://hooks.slack.com/workflows/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`,
		},
	},
)
