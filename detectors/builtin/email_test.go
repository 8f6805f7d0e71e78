package builtin

// Fixtures below are generated fake secrets (random values in the
// documented shape), never real credentials.
var _ = register(
	ruleCase{
		id: "sendgrid-api-key",
		tps: []tp{
			{`[2024-05-14 08:05:52 +0000] [7] [ERROR] Error handling request /hooks?key=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`, `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`},
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'sendgrid_api_key': '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', 'timeout': 23}`, `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`},
			{`    client = Client(sendgrid_api_key="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")`, `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`},
		},
		fps: []string{
			`SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
			`msg._EsJUSGzkEhMg0Ep79ZCLg.0qkxE1L72BPHcGJdJlYrFKNu0DGecYnua7mxtLsJa7m`,
			`SG.uYocXwWL9k`,
		},
	},
	ruleCase{
		id: "mailgun-api-key",
		tps: []tp{
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","mailgun_api_key":"key-d40a14ee812045481283480a5405d1a7"}`, `key-d40a14ee812045481283480a5405d1a7`},
			{`  mailgun_api_key: key-13affd16de9e64afdb02e67c4fdef31e`, `key-13affd16de9e64afdb02e67c4fdef31e`},
			{`2024-05-14T08:03:20.1702711Z + export MAILGUN_API_KEY=key-ee158ef6bddadf0ab136f4bed59c3a8d`, `key-ee158ef6bddadf0ab136f4bed59c3a8d`},
		},
		fps: []string{
			`MAILGUN_PUBLIC_KEY=pubkey-8bcda86ac341a4a841fdf5479864179e`,
			`cache-key-5ccbadf28407138706352bb077b972b9`,
			`key-1ffcdc1267f35b77c919`,
		},
	},
	ruleCase{
		id: "mailgun-private-key",
		tps: []tp{
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property mailgun_api_key=e57978cf3cdd17837fbd5543efdd9aba-52ceff37-ddd6a9b4`, `e57978cf3cdd17837fbd5543efdd9aba-52ceff37-ddd6a9b4`},
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: mailgun_api_key => 'eb3fae9ae8de3806a1d87e695e25e840-25212e1b-122e75c5'`, `eb3fae9ae8de3806a1d87e695e25e840-25212e1b-122e75c5`},
		},
		fps: []string{
			`MAILGUN_DOMAIN=mg.corp.internal`,
			`request_id=57559e488c23f975a8ae178ac2242a8b-6d49dba2-35e3e314`,
		},
	},
	ruleCase{
		id: "mailchimp-api-key",
		tps: []tp{
			{`    client = Client(api_key="f624a07ece97549f0825de3a9e39a0fb-us14")`, `f624a07ece97549f0825de3a9e39a0fb-us14`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","mailchimp_api_key":"52e1b638ddbf93c5fd1243d58fa39482-us10"}`, `52e1b638ddbf93c5fd1243d58fa39482-us10`},
		},
		fps: []string{
			`Accept-Language: en-US`,
			`locale=10fa9117d8349155514bc3e8f9262b27-use`,
			`MAILCHIMP_API_KEY=f7ae8edf04c1c8b79461-us6`,
		},
	},
	ruleCase{
		id: "mandrill-api-key",
		tps: []tp{
			{`info: Notifier.Startup[0] Configuration MANDRILL_API_KEY=md-zEPouDGmuTkafC2djhBunT loaded from environment`, `md-zEPouDGmuTkafC2djhBunT`},
			{`{"log":"MANDRILL_API_KEY=md-_KChWLHTp-BLsCQR1EMIhQ\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `md-_KChWLHTp-BLsCQR1EMIhQ`},
			{`MANDRILL_APIKEY=t8gcHYWzNJ5zYftaYDPIyF`, `t8gcHYWzNJ5zYftaYDPIyF`},
		},
		fps: []string{
			`MANDRILL_API_KEY=md-EIC1n59Cva`,
			`mandrill_subaccount=customer-aaaaaaaaaaaaaaaaaaaaaa`,
		},
	},
	ruleCase{
		id: "postmark-api-token",
		tps: []tp{
			{`{"level":"warn","message":"config loaded","postmark_server_token":"58a54c45-0488-cee2-6de0-fccc6de072f9","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `58a54c45-0488-cee2-6de0-fccc6de072f9`},
			{`POSTMARK_SERVER_TOKEN=92b61091-5319-2fbe-1b46-1b995f16c5b3`, `92b61091-5319-2fbe-1b46-1b995f16c5b3`},
			{`X-Postmark-Server-Token: c9a3602c-5f94-1952-2a19-6a398b5898e1`, `c9a3602c-5f94-1952-2a19-6a398b5898e1`},
		},
		fps: []string{
			`X-Request-Id: 69587694-5c3e-9a68-84f5-b73b230bfaec`,
			`POSTMARK_SERVER_TOKEN=c38f9122`,
		},
	},
	ruleCase{
		id: "brevo-api-key",
		tps: []tp{
			{`{"level":"warn","message":"config loaded","brevo_api_key":"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","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `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`},
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" brevo_api_key=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 env=staging`, `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`},
		},
		fps: []string{
			`xkeysib-280aa965ee322d1a7b5290f72266d7efca6e937807d7ad43f624f82eb3008614`,
			`BREVO_API_KEY=xkeysib-xxxxxxxx`,
		},
	},
	ruleCase{
		id: "brevo-smtp-key",
		tps: []tp{
			{`Started GET "/integrations/callback?access_token=xsmtpsib-9116521782f7b43f05d7cf0caf474b4696a2554aa93a8aa2adcbe93c2da385fc-Ny00jfclCZdgt5gp" for 10.0.4.12 at 2024-05-14 08:01:12 +0000`, `xsmtpsib-9116521782f7b43f05d7cf0caf474b4696a2554aa93a8aa2adcbe93c2da385fc-Ny00jfclCZdgt5gp`},
			{`    client = Client(api_key="xsmtpsib-6bf569c01a585c5a780447573791a259013683e3208490c78eacd5beae7b4a1c-zOdCJXiftDG0GuRD")`, `xsmtpsib-6bf569c01a585c5a780447573791a259013683e3208490c78eacd5beae7b4a1c-zOdCJXiftDG0GuRD`},
		},
		fps: []string{
			`xsmtpsib-fbec6f494e2b87531b8a93bb991e8b`,
			`SMTP_PASSWORD=xsmtpsib-<key>`,
		},
	},
	ruleCase{
		id: "resend-api-key",
		tps: []tp{
			{`{"level":"warn","message":"config loaded","resend_api_key":"re_IFj7mPgV_n2e71CJCKBuh9gND9LDCjXFP","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `re_IFj7mPgV_n2e71CJCKBuh9gND9LDCjXFP`},
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" resend_api_key=re_Chm6MPIQ_2lTrQZyLcYTAjvdKpeoGlsVh env=staging`, `re_Chm6MPIQ_2lTrQZyLcYTAjvdKpeoGlsVh`},
		},
		fps: []string{
			`store_V01BCYcV_ClXz4MZ5l5l6GUiIgKCwtN5J`,
			`RESEND_API_KEY=re_123456789`,
			`re_yjwIcK0u`,
		},
	},
	ruleCase{
		id: "sparkpost-api-key",
		tps: []tp{
			{`{"level":"warn","message":"config loaded","sparkpost_api_key":"f238882158a760efcedcda6d2d649f824e1884e1","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `f238882158a760efcedcda6d2d649f824e1884e1`},
			{`SPARKPOST_API_KEY=deb17f2f805dbd6cc8fdfec2071fb98a1b97d81a`, `deb17f2f805dbd6cc8fdfec2071fb98a1b97d81a`},
		},
		fps: []string{
			`commit 190e2a707fa507d2f83b36f81ff20b83387d7a99`,
			`SPARKPOST_API_KEY=9f3151843aa4b305192a`,
		},
	},
	ruleCase{
		id: "mailjet-api-key",
		tps: []tp{
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" mailjet_secret=7bf0f9b2300541787ae53b2538f6ae75 env=staging`, `7bf0f9b2300541787ae53b2538f6ae75`},
			{`{"level":"warn","message":"config loaded","mailjet_secret":"7917e566c62b5eca48f6cebfaadbcb38","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `7917e566c62b5eca48f6cebfaadbcb38`},
			{`MJ_APIKEY_PRIVATE=04395392321cd332f172bfda1f978122`, `04395392321cd332f172bfda1f978122`},
		},
		fps: []string{
			`etag="24ae26d4010d683b067f47e9b5def321"`,
			`MAILJET_SENDER=noreply@corp.internal`,
		},
	},
	ruleCase{
		id: "mailersend-api-token",
		tps: []tp{
			{`  mailersend_api_key: mlsn.rbbUpY0d7PKtHxyxxOsIHdNgQBmGD7Cqgn2jtW2xjXlN9aVNiRYyBBtZBMVu6CnQ`, `mlsn.rbbUpY0d7PKtHxyxxOsIHdNgQBmGD7Cqgn2jtW2xjXlN9aVNiRYyBBtZBMVu6CnQ`},
			{`2024-05-14T08:03:20.1702711Z + export MAILERSEND_API_KEY=mlsn.bEYTDMvhTy1kKWgM3lBexbnFtHOPxwLMYsKOaeJ8qNtUIeQr0nZEWYHIUpAIfWVD`, `mlsn.bEYTDMvhTy1kKWgM3lBexbnFtHOPxwLMYsKOaeJ8qNtUIeQr0nZEWYHIUpAIfWVD`},
		},
		fps: []string{
			`mlsn.yxSeeEQ1uwORoBg03HHF`,
			`MAILERSEND_API_KEY=mlsn.<token>`,
		},
	},
	ruleCase{
		id: "mailtrap-api-token",
		tps: []tp{
			{`    client = Client(mailtrap_token="d381a4d0491a2baa33f10efa5b0786c5")`, `d381a4d0491a2baa33f10efa5b0786c5`},
			{`Parameters: {"mailtrap_token"=>"8848f0911a91bde7ca3e34c425842b1f", "format"=>"json"}`, `8848f0911a91bde7ca3e34c425842b1f`},
		},
		fps: []string{
			`MAILTRAP_INBOX_ID=3315445`,
			`md5 531473baac02e821450030921e4e8aeb`,
		},
	},
	ruleCase{
		id: "vonage-api-secret",
		tps: []tp{
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'nexmo_api_secret': 'tOP9lY21PkZRT3zi', 'timeout': 23}`, `tOP9lY21PkZRT3zi`},
			{`    client = Client(nexmo_api_secret="QsSbVSDqOFe3NvTQ")`, `QsSbVSDqOFe3NvTQ`},
		},
		fps: []string{
			`VONAGE_API_KEY=e64faae7`,
			`vonage_from=AAAAAAAAAAAAAAAA`,
		},
	},
	ruleCase{
		id: "plivo-auth-token",
		tps: []tp{
			{`PLIVO_AUTH_TOKEN=fE9CoKq20ICLwuRyOhq6QfB1CYEnAfJzHPA6MAYc`, `fE9CoKq20ICLwuRyOhq6QfB1CYEnAfJzHPA6MAYc`},
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?plivo_auth_token=PWXoh30Vyxj0ZUFk0KWGw1ffqZqZchR4UQqhDKVi&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `PWXoh30Vyxj0ZUFk0KWGw1ffqZqZchR4UQqhDKVi`},
		},
		fps: []string{
			`PLIVO_AUTH_ID=MAVFO94BLW4YTSM4T821`,
			`plivo_auth_token=6dwfcZox1QAZ1BHvhYci`,
		},
	},
	ruleCase{
		id: "messagebird-api-key",
		tps: []tp{
			{`info: Notifier.Startup[0] Configuration MESSAGEBIRD_ACCESS_KEY=pUiJ5G5Wd07tXu8i1LHDhpBQ8 loaded from environment`, `pUiJ5G5Wd07tXu8i1LHDhpBQ8`},
			{`{"log":"MESSAGEBIRD_ACCESS_KEY=N3Osdq37Bq8MMjlGgHjkiEf2H\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `N3Osdq37Bq8MMjlGgHjkiEf2H`},
		},
		fps: []string{
			`MESSAGEBIRD_ORIGINATOR=CorpAlerts`,
			`messagebird_access_key=MMkw6W12NX`,
		},
	},
	ruleCase{
		id: "telnyx-api-key",
		tps: []tp{
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" telnyx_api_key=KEYD81D7B3F61392D64C07C99CAACBB4038_33cqKAbDVMqXIj7EVZderA env=staging`, `KEYD81D7B3F61392D64C07C99CAACBB4038_33cqKAbDVMqXIj7EVZderA`},
			{`{"level":"warn","message":"config loaded","telnyx_api_key":"KEYA979E966592FA5CB480271D45E87B4B3_p6PKefpsAs2lEuNYqd31gC","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `KEYA979E966592FA5CB480271D45E87B4B3_p6PKefpsAs2lEuNYqd31gC`},
		},
		fps: []string{
			`TELNYX_API_KEY=KEY6E6A27F20F7560DF63919D6EACB32A14`,
			`telnyx_public_key=lOTE/Nl5fIIslEOU2/uVJFbC/J7N3WAN1vFjgNNzD1l+`,
		},
	},
)
