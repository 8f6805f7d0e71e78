package builtin

// Fixtures below are generated fake secrets (random values in the
// documented shape), never real credentials.
var _ = register(
	ruleCase{
		id: "discord-bot-token",
		tps: []tp{
			{`info: Notifier.Startup[0] Configuration DISCORD_BOT_TOKEN=NjY2MzUwOTgyNzU1OTQzMTcy.G_ouq9.dX6UaDTLVOL_U_vgX9ybab1MB17J7fV5c2Drmn loaded from environment`, `NjY2MzUwOTgyNzU1OTQzMTcy.G_ouq9.dX6UaDTLVOL_U_vgX9ybab1MB17J7fV5c2Drmn`},
			{`{"log":"DISCORD_BOT_TOKEN=MzYyOTk1NDE4NTMwMTA4NTIz.6GsnJC.jfY2Wxkbcdj_Deo2SXxR8-lDInQlFDAQhjrIru\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `MzYyOTk1NDE4NTMwMTA4NTIz.6GsnJC.jfY2Wxkbcdj_Deo2SXxR8-lDInQlFDAQhjrIru`},
			{`+ curl -sS -H 'Authorization: Bot MjQzMDgzMDcxMzk5MzgxMzM3.9vrbhD.Coe40cF_so5U1wGAMFyeJf3_jwJ538cdSuGu0z' https://discord.com/api/v10/users/@me`, `MjQzMDgzMDcxMzk5MzgxMzM3.9vrbhD.Coe40cF_so5U1wGAMFyeJf3_jwJ538cdSuGu0z`},
		},
		fps: []string{
			`DISCORD_BOT_TOKEN=aGVsbG8td29ybGQtYWJjZA.rsFdSe.5qCEYUJ5PpTaVgEZ6QV4GBoi78lrnJxOBo9dMH`,
			`token OTk3NDQ1NTUzMjIxMzc2NjE0.EH2AYs.iU4rHgI8JvFPakx36epyesqBiW9ZqxvbNOmNJe without any context`,
		},
	},
	ruleCase{
		id: "discord-webhook-url",
		tps: []tp{
			{`2024-05-14 08:03:20,170 ERROR notifier.hooks: POST https://discord.com/api/webhooks/6636079665955287053/TCJv6hIPQmB59JhAB4R40zFuUCqQKqnfq-5mamRljUexG6Va5L4SEsidgtYa9Cun62JX returned 500`, `https://discord.com/api/webhooks/6636079665955287053/TCJv6hIPQmB59JhAB4R40zFuUCqQKqnfq-5mamRljUexG6Va5L4SEsidgtYa9Cun62JX`},
			{`2024-05-14T08:10:12.236Z WARN  [alerting] webhook delivery failed url=https://discord.com/api/webhooks/6288192959216235198/HkwQJq9RBu2rX_kJ87juTq-97wkRqnegZSkfchZfDXOzCy-fEU_mY20-7UaG0eGe13KL attempt=3`, `https://discord.com/api/webhooks/6288192959216235198/HkwQJq9RBu2rX_kJ87juTq-97wkRqnegZSkfchZfDXOzCy-fEU_mY20-7UaG0eGe13KL`},
			{`DISCORD_WEBHOOK=https://discordapp.com/api/webhooks/487079102950776733/aQj1Qpk5fhNWGg0MzGLwkbKIe_cfo7JZvr5xjgEwg4F1ViapL3HdvtDFV4b1rpufUjkh`, `https://discordapp.com/api/webhooks/487079102950776733/aQj1Qpk5fhNWGg0MzGLwkbKIe_cfo7JZvr5xjgEwg4F1ViapL3HdvtDFV4b1rpufUjkh`},
		},
		fps: []string{
			`https://discord.com/api/webhooks/1472913519374444032/<token>`,
			`https://discord.com/api/webhooks/123/abc`,
		},
	},
	ruleCase{
		id: "telegram-bot-token",
		tps: []tp{
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?bot_token=2712351755:AA5ib8jI03bKOUwivsS7NXXjesYHz5IjjpT&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `2712351755:AA5ib8jI03bKOUwivsS7NXXjesYHz5IjjpT`},
			{`info: Notifier.Startup[0] Configuration TELEGRAM_BOT_TOKEN=7337486289:AAHJ-3qrEhH6fDbM_05E4o9Qr2m8Ivl97zh loaded from environment`, `7337486289:AAHJ-3qrEhH6fDbM_05E4o9Qr2m8Ivl97zh`},
			{`2024-05-14 08:01:04,105 - urllib3.connectionpool - DEBUG - https://api.telegram.org:443 "POST /bot138507465:AAmOnQjIp8FSUh06ymQ2wCL5jsvEied2e3O/sendMessage HTTP/1.1" 200 312`, `138507465:AAmOnQjIp8FSUh06ymQ2wCL5jsvEied2e3O`},
		},
		fps: []string{
			`TELEGRAM_BOT_TOKEN=123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
			`time 12:AAtmFNnFlAIj5kScyauHt9fzyQRddfzwHlt`,
			`1664899566:AA4wz3y9POeSAfWp8bys3D`,
		},
	},
	ruleCase{
		id: "msteams-webhook-url",
		tps: []tp{
			{`{"level":"error","msg":"notify failed","webhook_url":"https://contoso.webhook.office.com/webhookb2/97009aea-15c6-ff7c-6371-bfbfcf68c914@e456957d-1ef6-5cd7-2a70-58efc48e84d8/IncomingWebhook/0cb0061524645cce0b1df8d1a84de612/e5a7b01d-6850-3007-f4cb-c4af8c46be34/V2yYj6-1EpWwGJGXB497BUBbDPRa1wFiYfgIjusu0ug3COT","status":410}`, `https://contoso.webhook.office.com/webhookb2/97009aea-15c6-ff7c-6371-bfbfcf68c914@e456957d-1ef6-5cd7-2a70-58efc48e84d8/IncomingWebhook/0cb0061524645cce0b1df8d1a84de612/e5a7b01d-6850-3007-f4cb-c4af8c46be34/V2yYj6-1EpWwGJGXB497BUBbDPRa1wFiYfgIjusu0ug3COT`},
			{`NOTIFY_WEBHOOK_URL=https://contoso.webhook.office.com/webhookb2/b1b86a06-0795-28b8-0316-ae3b53d5036c@a19048b1-102e-7373-0ab3-c79a5d0fceec/IncomingWebhook/5a5070e99a4bb4b018b008caf8ce291a/1802d7bf-a4f2-87c6-4d40-826c32a71f49/V2mnWtTuNs7NU3c5O6GFsJerU2t4m0Zx3XYdGYxG_QZfKBI`, `https://contoso.webhook.office.com/webhookb2/b1b86a06-0795-28b8-0316-ae3b53d5036c@a19048b1-102e-7373-0ab3-c79a5d0fceec/IncomingWebhook/5a5070e99a4bb4b018b008caf8ce291a/1802d7bf-a4f2-87c6-4d40-826c32a71f49/V2mnWtTuNs7NU3c5O6GFsJerU2t4m0Zx3XYdGYxG_QZfKBI`},
			{`TEAMS_WEBHOOK_URL=https://outlook.office.com/webhook/1e0444c3-2dc6-d383-669b-9a1fb4cacc93@0162139a-56ba-47c2-0b83-5231c130407b/IncomingWebhook/dad7bc68b65560d1d80f1c43c23461fa/25516b07-5c0f-10a5-3fa5-e313050bc3e6`, `https://outlook.office.com/webhook/1e0444c3-2dc6-d383-669b-9a1fb4cacc93@0162139a-56ba-47c2-0b83-5231c130407b/IncomingWebhook/dad7bc68b65560d1d80f1c43c23461fa/25516b07-5c0f-10a5-3fa5-e313050bc3e6`},
		},
		fps: []string{
			`https://contoso.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<owner>`,
		},
	},
	ruleCase{
		id: "mattermost-webhook-url",
		tps: []tp{
			{`{"level":"error","msg":"notify failed","webhook_url":"https://mattermost.corp.internal/hooks/ohnxar4fmg5rl8ppxxdfzbp8mv","status":410}`, `https://mattermost.corp.internal/hooks/ohnxar4fmg5rl8ppxxdfzbp8mv`},
			{`NOTIFY_WEBHOOK_URL=https://mattermost.corp.internal/hooks/45jfn3c74y2fbm1hoh8hxkhkkv`, `https://mattermost.corp.internal/hooks/45jfn3c74y2fbm1hoh8hxkhkkv`},
		},
		fps: []string{
			`https://mattermost.corp.internal/hooks/xxx-generatedkey-xxx`,
			`https://mattermost.corp.internal/api/v4/users/b2pcvyv7t469u6dt6sisp18qfw`,
		},
	},
	ruleCase{
		id: "mattermost-access-token",
		tps: []tp{
			{`{"log":"MATTERMOST_TOKEN=m0jjimn0rauijqmtih1wzmd9d0\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `m0jjimn0rauijqmtih1wzmd9d0`},
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property mattermost_token=dupvftp69g6y2094tgdqzhhtk6`, `dupvftp69g6y2094tgdqzhhtk6`},
		},
		fps: []string{
			`MATTERMOST_URL=https://mattermost.corp.internal`,
			`mattermost_token=od3z9j0dnagu`,
		},
	},
	ruleCase{
		id: "zoom-client-secret",
		tps: []tp{
			{`  zoom_client_secret: Hf1Gg67g4gpoktSTqtIelOoDhSXpfeBU`, `Hf1Gg67g4gpoktSTqtIelOoDhSXpfeBU`},
			{`2024-05-14T08:03:20.1702711Z + export ZOOM_CLIENT_SECRET=2Gy8yNJCMVkWMEKdEbUfhwDVjs2IrdxP`, `2Gy8yNJCMVkWMEKdEbUfhwDVjs2IrdxP`},
		},
		fps: []string{
			`ZOOM_CLIENT_ID=arF0j4MZCoPUsXOe4yc1Ab`,
			`zoom_level=11111111111111111111111111111111`,
		},
	},
	ruleCase{
		id: "webex-access-token",
		tps: []tp{
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property webex_token=CLUU1ASVXnjJ1h9oLtvIlXn8BAfdXdGcvePsPMv1neY3AugznftP54voErWz91m9_RDeK_3fe95e83-b5f5-cbbe-fe10-b7bb3bf4ddd3`, `CLUU1ASVXnjJ1h9oLtvIlXn8BAfdXdGcvePsPMv1neY3AugznftP54voErWz91m9_RDeK_3fe95e83-b5f5-cbbe-fe10-b7bb3bf4ddd3`},
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: webex_token => 'CJG4O5URjN3OhQp6yBWEdirlcrFWXRMekd0IL5jeZo4eOR5RBj3bLMQ8QAYgTkVJ_hkMY_4699d581-e659-d001-aacd-b245eb6b481d'`, `CJG4O5URjN3OhQp6yBWEdirlcrFWXRMekd0IL5jeZo4eOR5RBj3bLMQ8QAYgTkVJ_hkMY_4699d581-e659-d001-aacd-b245eb6b481d`},
		},
		fps: []string{
			`WEBEX_BOT_TOKEN=<token>`,
			`webex_room_id=loKVqD74oFPkm8KKDlfueo4LeKsXaHhSMKZ4rCDve8a5W2OqpGfzzC0VhW0dZTPyClFYjz`,
		},
	},
	ruleCase{
		id: "rocketchat-access-token",
		tps: []tp{
			{`    client = Client(rocketchat_auth_token="mkqOWxFy7YEwS1LEs7Hd9zosE6jo_EuI3iP2pxkXbXd")`, `mkqOWxFy7YEwS1LEs7Hd9zosE6jo_EuI3iP2pxkXbXd`},
			{`Parameters: {"rocketchat_auth_token"=>"5gh6tWzpDr_VnPIxcJecFVjHrJrM2o2FX_Sr-HqP595", "format"=>"json"}`, `5gh6tWzpDr_VnPIxcJecFVjHrJrM2o2FX_Sr-HqP595`},
		},
		fps: []string{
			`ROCKETCHAT_USER_ID=w8SXHB82dmYaxIKob`,
			`rocketchat_url=https://chat.corp.internal`,
		},
	},
	ruleCase{
		id: "zulip-api-key",
		tps: []tp{
			{`{"log":"ZULIP_API_KEY=2FA6A5bhKLe41FDOPia9zGQT1PnOIpMk\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `2FA6A5bhKLe41FDOPia9zGQT1PnOIpMk`},
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property zulip_api_key=LT9BvRRxIxBsdeTfyJk3FjKSXxFhJqdj`, `LT9BvRRxIxBsdeTfyJk3FjKSXxFhJqdj`},
		},
		fps: []string{
			`ZULIP_EMAIL=bot@zulip.corp.internal`,
			`zulip_api_key=O1f1QepIM1rhZBMw`,
		},
	},
	ruleCase{
		id: "pushbullet-access-token",
		tps: []tp{
			{`  pushbullet_token: o.g60tyVaYR1OsMZK5zQCLeSqxY9Gn1sLG`, `o.g60tyVaYR1OsMZK5zQCLeSqxY9Gn1sLG`},
			{`2024-05-14T08:03:20.1702711Z + export PUSHBULLET_ACCESS_TOKEN=o.XKNhPLwJGsdeFnQuE2HdTIy9P3kKfflV`, `o.XKNhPLwJGsdeFnQuE2HdTIy9P3kKfflV`},
		},
		fps: []string{
			`PUSHBULLET_ACCESS_TOKEN=o.RLZePip95gaC`,
			`pushbullet_device=o.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`,
		},
	},
	ruleCase{
		id: "pushover-api-token",
		tps: []tp{
			{`Parameters: {"pushover_token"=>"pzKkx8xAIPvgn4GjNYqPhvx9EZw5KZ", "format"=>"json"}`, `pzKkx8xAIPvgn4GjNYqPhvx9EZw5KZ`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","pushover_token":"ELrRpkZddNKcyBtUMpsVf6yEa4pINI"}`, `ELrRpkZddNKcyBtUMpsVf6yEa4pINI`},
		},
		fps: []string{
			`PUSHOVER_PRIORITY=1`,
			`pushover_token=TIuVFgsbPrwsTN5BPXID`,
		},
	},
	ruleCase{
		id: "ntfy-access-token",
		tps: []tp{
			{`fail: Billing.Api.Clients.UpstreamClient[0] Request to upstream failed, ApiKey=tk_0tO3zjxfHWHYDtwxMfhxqcpSSxm2J`, `tk_0tO3zjxfHWHYDtwxMfhxqcpSSxm2J`},
			{`[2024-05-14 08:05:52 +0000] [7] [ERROR] Error handling request /hooks?key=tk_YKvzo8WyxtRBCw3epGhVE24duJqXH`, `tk_YKvzo8WyxtRBCw3epGhVE24duJqXH`},
		},
		fps: []string{
			`ntfy topic tk_lHEyxCeEDV`,
			`checkpoint_mvBLcgyLJJOqO74TkL0aAWxZiN5Mk`,
		},
	},
	ruleCase{
		id: "line-channel-access-token",
		tps: []tp{
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?line_channel_access_token=MkFRdpdhLSTxK5f7Pr5garO1kS2w19Ob+vEvkMsQpJ2GwGadu04QoXOm+FOmq1TCcE3ZzviF3IqyH124baCG32laK6d4cbGLRoizfTsh5rayvOLps/SmXeKMOy8N4De9eANwkuXWiB5oLAHqCsc0zA+U/O2xN2bgzlceUyWbMEz=&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `MkFRdpdhLSTxK5f7Pr5garO1kS2w19Ob+vEvkMsQpJ2GwGadu04QoXOm+FOmq1TCcE3ZzviF3IqyH124baCG32laK6d4cbGLRoizfTsh5rayvOLps/SmXeKMOy8N4De9eANwkuXWiB5oLAHqCsc0zA+U/O2xN2bgzlceUyWbMEz=`},
			{`info: Notifier.Startup[0] Configuration LINE_CHANNEL_ACCESS_TOKEN=6cSC6zH7bMgS9vd2WnICAwFvx2d4yxXZzf9gxI/NK0kZ68EABNk60X5Vqv8BqxjUgY3ovH8FhSZsxiwYSk6O79uAbeP50NrmrCs3Fnm/4BP/TAoqMsBGN6z5EUGqWpshZZifKjP0+0ljrGYjjUP+MfCRWdTEODVgTZa7L8L717T= loaded from environment`, `6cSC6zH7bMgS9vd2WnICAwFvx2d4yxXZzf9gxI/NK0kZ68EABNk60X5Vqv8BqxjUgY3ovH8FhSZsxiwYSk6O79uAbeP50NrmrCs3Fnm/4BP/TAoqMsBGN6z5EUGqWpshZZifKjP0+0ljrGYjjUP+MfCRWdTEODVgTZa7L8L717T=`},
		},
		fps: []string{
			`LINE_CHANNEL_ID=4052159837`,
			`line_channel_secret=cf3a56cdcf66d41af274fe22d01668a2`,
		},
	},
	ruleCase{
		id: "matrix-access-token",
		tps: []tp{
			{`Started GET "/integrations/callback?access_token=syt_wlSLaBvm61_qumFgwYNguKuTCSHoO9V_E4s8uw" for 10.0.4.12 at 2024-05-14 08:01:12 +0000`, `syt_wlSLaBvm61_qumFgwYNguKuTCSHoO9V_E4s8uw`},
			{`    client = Client(api_key="syt_87rljaQq3V_w6wdbS7M0e50wFydL5gc_mc0PNn")`, `syt_87rljaQq3V_w6wdbS7M0e50wFydL5gc_mc0PNn`},
			{`MATRIX_REFRESH_TOKEN=syr_7C3Bzzdg_fbnyfMFjGHaMrPaHxlX5_y3xwiK`, `syr_7C3Bzzdg_fbnyfMFjGHaMrPaHxlX5_y3xwiK`},
		},
		fps: []string{
			`syt_NZxEAkyH_P4InTuvC15`,
			`MATRIX_ACCESS_TOKEN=syt_<token>`,
		},
	},
)
