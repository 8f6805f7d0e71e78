package builtin

// Fixtures below are generated fake secrets (random values in the
// documented shape), never real credentials.
var _ = register(
	ruleCase{
		id: "notion-integration-token",
		tps: []tp{
			{`2024-05-14T08:07:17.202719086Z stderr F   notion_token: secret_LoaYs6KrHTIw5hxL8XENYhdfhZyVHgYqSvvwp1sRYeh`, `secret_LoaYs6KrHTIw5hxL8XENYhdfhZyVHgYqSvvwp1sRYeh`},
			{`NOTION_TOKEN=secret_QbpkqRMTlkwEP6alGze4de6vGTd7sbyHhdzBWVCNZi8`, `secret_QbpkqRMTlkwEP6alGze4de6vGTd7sbyHhdzBWVCNZi8`},
		},
		fps: []string{
			`client_secret_3VHdavbbu101KohhbphBnAccmJk6CPEC9kHZFaNOvtA`,
			`secret_rOyWJxBnXkBHdyxJzfuo`,
			`NOTION_TOKEN=secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
		},
	},
	ruleCase{
		id: "notion-api-token",
		tps: []tp{
			{`Started GET "/integrations/callback?access_token=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" for 10.0.4.12 at 2024-05-14 08:01:12 +0000`, `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`},
			{`    client = Client(api_key="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")`, `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`},
		},
		fps: []string{
			`ntn_teAsQPu3XumU2qJ1REYW`,
			`NOTION_API_KEY=ntn_...`,
		},
	},
	ruleCase{
		id: "hubspot-private-app-token",
		tps: []tp{
			{`Started GET "/integrations/callback?access_token=pat-na1-d02f78fc-a7a2-0ebe-18fb-3e9453c4a6cb" for 10.0.4.12 at 2024-05-14 08:01:12 +0000`, `pat-na1-d02f78fc-a7a2-0ebe-18fb-3e9453c4a6cb`},
			{`    client = Client(api_key="pat-na1-4debd14c-1123-3bfd-f1dc-cd8dc08a6e33")`, `pat-na1-4debd14c-1123-3bfd-f1dc-cd8dc08a6e33`},
			{`HUBSPOT_TOKEN=pat-eu1-4b1714d9-7130-fe2c-2995-bed35599a27b`, `pat-eu1-4b1714d9-7130-fe2c-2995-bed35599a27b`},
		},
		fps: []string{
			`pat-na1-<uuid>`,
			`pat-xx9-cd79f339-45d0-b275-017a-d7070c770bf0`,
		},
	},
	ruleCase{
		id: "airtable-pat",
		tps: []tp{
			{`2024-05-14T08:07:17.202719086Z stderr F   airtable_token: patyn5cy8idughk7F.ebb24324da79b7308e46447f32ee95fcc9c419c8ad555c022c381382d7109d79`, `patyn5cy8idughk7F.ebb24324da79b7308e46447f32ee95fcc9c419c8ad555c022c381382d7109d79`},
			{`AIRTABLE_API_KEY=patwM9IRl3i2fF1QH.300119492a14ebd447de5948398754003e164d79e7f046f4f488342cfed1805c`, `patwM9IRl3i2fF1QH.300119492a14ebd447de5948398754003e164d79e7f046f4f488342cfed1805c`},
		},
		fps: []string{
			`pattern=bb54982e0f1e38aad58c2f5a9049033e1aa90194e326ce11855cd38c1abf620f`,
			`patnVDsfoGF2dQpHK.ae32a9cc59b57bba336c`,
		},
	},
	ruleCase{
		id: "asana-pat",
		tps: []tp{
			{`ASANA_ACCESS_TOKEN=2/1431749450002880/1008067664974350:bddb7c4cccf9b864550910481944e3c0`, `2/1431749450002880/1008067664974350:bddb7c4cccf9b864550910481944e3c0`},
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?asana_token=2/7650968487868700/7327394729076985:9501e3c906a39827517c7ea17cfca0ba&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `2/7650968487868700/7327394729076985:9501e3c906a39827517c7ea17cfca0ba`},
			{`{"level":"error","msg":"asana sync failed","asana_pat":"1/4220774684501907:253a1cd87b619849ed46f2b8ce9ca953","status":401}`, `1/4220774684501907:253a1cd87b619849ed46f2b8ce9ca953`},
		},
		fps: []string{
			`ASANA_WORKSPACE=7140685207960250`,
			`ratio 2/2747076574813911:d037dc489342017d2402313956660220`,
		},
	},
	ruleCase{
		id: "typeform-pat",
		tps: []tp{
			{`[2024-05-14 08:05:52 +0000] [7] [ERROR] Error handling request /hooks?key=tfp_KfYdzjAVftv1GTgKFN4EI26hoNE2oUkLcma90GeWYkIj__YnkqJ5JsjQuhH`, `tfp_KfYdzjAVftv1GTgKFN4EI26hoNE2oUkLcma90GeWYkIj__YnkqJ5JsjQuhH`},
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'typeform_token': 'tfp_psnv5G5Jf0JK7IH9LkoOZ3D06a7Nw8EyUGg96UB9BVEv_gXp6q5yTT64vYG', 'timeout': 23}`, `tfp_psnv5G5Jf0JK7IH9LkoOZ3D06a7Nw8EyUGg96UB9BVEv_gXp6q5yTT64vYG`},
		},
		fps: []string{
			`tfp_GDLG0CtN1p`,
			`TYPEFORM_TOKEN=tfp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
		},
	},
	ruleCase{
		id: "mapbox-secret-token",
		tps: []tp{
			{`{"error":{"code":401,"message":"The credential sk.eyJ1IjoiZ2VvLXZ0aWkzMSIsImEiOiJlaDV2YWo5MDV4ODY1NXUzN3h3Y2k1N3hmIn0.Z0KBFuqOSoFK4iCs9lt3U_ is invalid or revoked"}}`, `sk.eyJ1IjoiZ2VvLXZ0aWkzMSIsImEiOiJlaDV2YWo5MDV4ODY1NXUzN3h3Y2k1N3hmIn0.Z0KBFuqOSoFK4iCs9lt3U_`},
			{`{"level":"warn","message":"config loaded","mapbox_token":"sk.eyJ1IjoiZ2VvLWptbGJqayIsImEiOiJueGcybmc4NnNuYXh0NTdoc2RkOWZvZzI5In0.DYmetQyxXCr0mNwB6LW7gT","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `sk.eyJ1IjoiZ2VvLWptbGJqayIsImEiOiJueGcybmc4NnNuYXh0NTdoc2RkOWZvZzI5In0.DYmetQyxXCr0mNwB6LW7gT`},
		},
		fps: []string{
			`MAPBOX_PUBLIC_TOKEN=pk.eyJ1IjoiZ2VvLTBndXY1cyIsImEiOiIxMW5rMWt6NnZmMHRhYjZsZ25tdmZoMWx6In0.qcTMcgfby1O04Y-enNLd51`,
			`sk.eyJub3RqdWxlIjoxfQ.1Xo5vWHbQVEQ-7ue7dhWkb`,
		},
	},
	ruleCase{
		id: "dropbox-access-token",
		tps: []tp{
			{`[2024-05-14 08:05:52 +0000] [7] [ERROR] Error handling request /hooks?key=sl.wWnMvY-Y3N5zVSVtIpH6CM59czOjSZ16acH_Ng445ET4d0dOE1ogBpGzIo_2yd1NfSvw3RfDkN83LOowtOZVlDrQqalNQJ3yV3iT4Ra_xyC_zUVeY6kedu5xFVeNfqQUO8j63yWTRpH8`, `sl.wWnMvY-Y3N5zVSVtIpH6CM59czOjSZ16acH_Ng445ET4d0dOE1ogBpGzIo_2yd1NfSvw3RfDkN83LOowtOZVlDrQqalNQJ3yV3iT4Ra_xyC_zUVeY6kedu5xFVeNfqQUO8j63yWTRpH8`},
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'dropbox_token': 'sl.GHZghC6Koo42AyE54sPAkfm-KEVK5NP6F3syTmZGSarsyloyKGWj2qFy9dMl4BIpeznNL-FopK1XzKT5pe1QaVXb7updp1MIAyG5IFp9GLzn6yasPcpPYZvf5nB6CrxLh-HheJgItjgY', 'timeout': 23}`, `sl.GHZghC6Koo42AyE54sPAkfm-KEVK5NP6F3syTmZGSarsyloyKGWj2qFy9dMl4BIpeznNL-FopK1XzKT5pe1QaVXb7updp1MIAyG5IFp9GLzn6yasPcpPYZvf5nB6CrxLh-HheJgItjgY`},
			{`DROPBOX_TOKEN=sl.u.8Fti7nwd5vnWppFgkwJRAL_Md9TZpljq-7AMFuRWBrwXFt7-iE0WNg2GaFmQBNVX7gjVfe5_80N69d4LNwcSHbRU_W2bYak6Ds-hxfFgfeVIiXJ_5Du0O30-LDGEh_MyjcGSYm_OGelckjtaXJHGcI9KC9hB7PBiXJuZwOVfRtl9HxS2v-uEueARFFn1e54ItfECCKjVBu8ljBC50wTwnhVbLdumUSQyNvCoAqFwVlAga5C9l4kaM2DBNUvj3r2rA89mkNsvwCZXHlTzMS7uOcEUM8ORBVcDADDzL59gjDbX`, `sl.u.8Fti7nwd5vnWppFgkwJRAL_Md9TZpljq-7AMFuRWBrwXFt7-iE0WNg2GaFmQBNVX7gjVfe5_80N69d4LNwcSHbRU_W2bYak6Ds-hxfFgfeVIiXJ_5Du0O30-LDGEh_MyjcGSYm_OGelckjtaXJHGcI9KC9hB7PBiXJuZwOVfRtl9HxS2v-uEueARFFn1e54ItfECCKjVBu8ljBC50wTwnhVbLdumUSQyNvCoAqFwVlAga5C9l4kaM2DBNUvj3r2rA89mkNsvwCZXHlTzMS7uOcEUM8ORBVcDADDzL59gjDbX`},
		},
		fps: []string{
			`ssl.NQ9a0wPCfht3bJ_qyxOOAQSabXz2U7SEKX3qhOXoktX_SSFf2sQFsrMsdZCsB6_NfUxLr7HeNlpOOGimhyWY4EWqW5NXItKjVaOjupQzSgqvkIgDcegjE_HKo7jjOD-R7oBTDaNfC_Wx`,
			`sl.vVdqAbkjxY1BIwhKa70AvcngTk9sTNCgqUPyb1El`,
		},
	},
	ruleCase{
		id: "algolia-api-key",
		tps: []tp{
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" algolia_api_key=b827388551a222cb9a10c1612ba5f06f env=staging`, `b827388551a222cb9a10c1612ba5f06f`},
			{`{"level":"warn","message":"config loaded","algolia_api_key":"d5bce774ebff27abef70dac8f480b933","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `d5bce774ebff27abef70dac8f480b933`},
		},
		fps: []string{
			`ALGOLIA_APP_ID=XLAF9VN8VH`,
			`md5=6a94f549894f3e7c5c56ae3ded292e22`,
		},
	},
	ruleCase{
		id: "launchdarkly-access-token",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: launchdarkly_api_token => 'api-2ca30e61-8978-d596-7d32-3734ae64d1e5'`, `api-2ca30e61-8978-d596-7d32-3734ae64d1e5`},
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'launchdarkly_api_token': 'api-ffd9574f-76d9-dfd5-1967-5a007974c766', 'timeout': 23}`, `api-ffd9574f-76d9-dfd5-1967-5a007974c766`},
		},
		fps: []string{
			`x-request-id: api-270f146f-4b9b-5001-67a6-b9cfd736a77b`,
			`LAUNCHDARKLY_PROJECT=default`,
		},
	},
	ruleCase{
		id: "intercom-access-token",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Fatal error:  Uncaught Exception: 401 Unauthorized for key 'dG9rOjIyZmI5NWExLTIwMDAtM2VkMC00Y2EzLTQ1YjI3N2YyZmMxNV9kNjBmODIxMS0yMmI1LWRmODEtYzgzYy1lZjliMTkwYTBiY2Q6MTow' in /var/www/html/vendor/client/src/Http.php:88`, `dG9rOjIyZmI5NWExLTIwMDAtM2VkMC00Y2EzLTQ1YjI3N2YyZmMxNV9kNjBmODIxMS0yMmI1LWRmODEtYzgzYy1lZjliMTkwYTBiY2Q6MTow`},
			{`INTERCOM_ACCESS_TOKEN=dG9rOmQ1MjJhNjdjLWZmNjMtMjczNi0wODJhLThlOWY1YzhiNTMyNF9mNTkzZTRjNC1iNjAyLWM5ZmYtYzllMS0yZGRkYWFhZGRjZGU6MTow`, `dG9rOmQ1MjJhNjdjLWZmNjMtMjczNi0wODJhLThlOWY1YzhiNTMyNF9mNTkzZTRjNC1iNjAyLWM5ZmYtYzllMS0yZGRkYWFhZGRjZGU6MTow`},
		},
		fps: []string{
			`dG9rO29Tro486hhlCA3bLw5yquxo9AzzQ07Ecb836OXBhIo2QfppxVGrYeW5BpgPB`,
			`dG9rOjsI9gUJwmuo`,
		},
	},
	ruleCase{
		id: "zendesk-api-token",
		tps: []tp{
			{`2024-05-14T08:03:20.1702711Z + export ZENDESK_API_TOKEN=8iDSQ9uB1QFkvin8e0GzD6IKUTefXJkYFNZ0WJ2W`, `8iDSQ9uB1QFkvin8e0GzD6IKUTefXJkYFNZ0WJ2W`},
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" zendesk_api_token=QNDuGxci04oxX44Fpd28JTWVWrt27pa8pVwmrSVH env=staging`, `QNDuGxci04oxX44Fpd28JTWVWrt27pa8pVwmrSVH`},
		},
		fps: []string{
			`ZENDESK_SUBDOMAIN=corp`,
			`zendesk_ticket=13593716`,
		},
	},
	ruleCase{
		id: "freshdesk-api-key",
		tps: []tp{
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?freshdesk_api_key=Kyo80FZJUNVfBhyAeaPY&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `Kyo80FZJUNVfBhyAeaPY`},
			{`info: Notifier.Startup[0] Configuration FRESHDESK_API_KEY=P5CzJLtWVwWF3aHVVbP6 loaded from environment`, `P5CzJLtWVwWF3aHVVbP6`},
		},
		fps: []string{
			`FRESHDESK_DOMAIN=corp.freshdesk.com`,
			`freshdesk_api_key=nFw3bTIC`,
		},
	},
	ruleCase{
		id: "klaviyo-private-key",
		tps: []tp{
			{`info: Notifier.Startup[0] Configuration KLAVIYO_PRIVATE_KEY=pk_c2ecf2ecb6a0bcd0cafacd302acd4b46c3 loaded from environment`, `pk_c2ecf2ecb6a0bcd0cafacd302acd4b46c3`},
			{`{"level":"error","ts":1715673584.128,"caller":"client/auth.go:112","msg":"upstream rejected credential","credential":"pk_8b122c766b4b76172fddf3b6ee6afad9e8","status":401}`, `pk_8b122c766b4b76172fddf3b6ee6afad9e8`},
		},
		fps: []string{
			`pk_live_8PXNfDT6uqTMvkvSlbLvfYdZ`,
			`pk_test_4wpPJMkBIbZzy2hl5Nxv6t7Y`,
			`fk_pk_06283ade11b495204fa3c7d657b204499f`,
		},
	},
	ruleCase{
		id: "facebook-access-token",
		tps: []tp{
			{`    client = Client(api_key="EAABvJaWLN5rrZPyfvvA4TZKjc5ElpE5OlEKnhKyEjldtD8P6PH2eZD4IQl2lu3uiM3QsfXgDQB5gBUoyoigICXKv2jrw5LlzvHlMIHijs0j1F3YZ8GHR0lJFmuRK7uRHolltCT0o7MZphBD7FqKx5Vt4xIIWolCubp0iudXNSv0vNNVbNq5OGit")`, `EAABvJaWLN5rrZPyfvvA4TZKjc5ElpE5OlEKnhKyEjldtD8P6PH2eZD4IQl2lu3uiM3QsfXgDQB5gBUoyoigICXKv2jrw5LlzvHlMIHijs0j1F3YZ8GHR0lJFmuRK7uRHolltCT0o7MZphBD7FqKx5Vt4xIIWolCubp0iudXNSv0vNNVbNq5OGit`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","facebook_access_token":"EAABefL0RzSdk7m4fZUR471YbLpW7uIFb65w9jdBaO7xPIELLFg2d3EvGeWF0fHcWwQVu2DVrgP96pHfjInyJZiikOUEiVVBbX4PBYgAbiYF90QD8vNuQRwrlTIE4yL4CAoXqXIePjJisgDj3Rw5TEcSCHTDMTo5rFIGtgd67MV1N0tMkpdSEr3S"}`, `EAABefL0RzSdk7m4fZUR471YbLpW7uIFb65w9jdBaO7xPIELLFg2d3EvGeWF0fHcWwQVu2DVrgP96pHfjInyJZiikOUEiVVBbX4PBYgAbiYF90QD8vNuQRwrlTIE4yL4CAoXqXIePjJisgDj3Rw5TEcSCHTDMTo5rFIGtgd67MV1N0tMkpdSEr3S`},
		},
		fps: []string{
			`EAAAbwM9su3o8SgO6XXxyl8PL0Dp1uMbmCwuMTGjdm4rON9wcduvio3eFyZajdE-`,
			`EAAB2nr070ETIl3JWVj1GrZiG8QvA2AgCh`,
		},
	},
	ruleCase{
		id: "facebook-app-secret",
		tps: []tp{
			{`  fb_app_secret: 463138c54cfaceb7bac455fa7504c0cd`, `463138c54cfaceb7bac455fa7504c0cd`},
			{`2024-05-14T08:03:20.1702711Z + export FACEBOOK_APP_SECRET=d3b9ece199d164e20397d918804f92d9`, `d3b9ece199d164e20397d918804f92d9`},
		},
		fps: []string{
			`FACEBOOK_APP_ID=4397478004368398`,
			`digest=d68826d77be32df23a20f1eeb339fadd`,
		},
	},
	ruleCase{
		id: "twitter-bearer-token",
		tps: []tp{
			{`{"error":{"code":401,"message":"The credential AAAAAAAAAAAAAAAAAAAAAZ0W1AAAAAAfGxkzEMzYZe2V1WBDKnwhMMn%2BYMK62AtT1CGr%3DYovY4fZa0uG6zxe2bDjTl9S9OXq5INjVbI7l3Y8wftehmBcmZA is invalid or revoked"}}`, `AAAAAAAAAAAAAAAAAAAAAZ0W1AAAAAAfGxkzEMzYZe2V1WBDKnwhMMn%2BYMK62AtT1CGr%3DYovY4fZa0uG6zxe2bDjTl9S9OXq5INjVbI7l3Y8wftehmBcmZA`},
			{`{"level":"warn","message":"config loaded","twitter_bearer_token":"AAAAAAAAAAAAAAAAAAAAAdgEYAAAAAAuHP1dsV6zp9QGXAcAy4BHq9q%2BHifvwhXycCBr%3DftazTbK3FnXnpMwL4S6CWBYLuytBAgOVS4pn4AvoiyUUaFpnQi","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `AAAAAAAAAAAAAAAAAAAAAdgEYAAAAAAuHP1dsV6zp9QGXAcAy4BHq9q%2BHifvwhXycCBr%3DftazTbK3FnXnpMwL4S6CWBYLuytBAgOVS4pn4AvoiyUUaFpnQi`},
		},
		fps: []string{
			`data:application/octet-stream;base64,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
			`AAAAAAAAAAAAAAAAAAAAA1yV9EJ8e2iyQPmWScBYrxEJIdcdv5PZn8nyYZmPH45C8itc8Yh`,
		},
	},
	ruleCase{
		id: "twitter-api-secret",
		tps: []tp{
			{`{"log":"TWITTER_API_SECRET=7s1yla8Dyddvrwj7aAyOl4DUgsCfU7eYQ8sgpWusDkdkt02AXN\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `7s1yla8Dyddvrwj7aAyOl4DUgsCfU7eYQ8sgpWusDkdkt02AXN`},
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property twitter_consumer_secret=Y0VLm9XyRg51dCsE5Lj0mssjrnys18biiwAgBAUL8NFmpIAkTI`, `Y0VLm9XyRg51dCsE5Lj0mssjrnys18biiwAgBAUL8NFmpIAkTI`},
		},
		fps: []string{
			`TWITTER_API_KEY=ePyzZik7UgRxlvaH4HveGEsfI`,
			`twitter_handle=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`,
		},
	},
	ruleCase{
		id: "twitch-api-token",
		tps: []tp{
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property twitch_oauth=mxju34kgks19ypx1xsd28u949i1qgk`, `mxju34kgks19ypx1xsd28u949i1qgk`},
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: twitch_oauth => 'gq5wm9l9bsc7lp8jv9o6rjatpdsfyp'`, `gq5wm9l9bsc7lp8jv9o6rjatpdsfyp`},
			{`TWITCH_IRC_PASS=oauth:3dfeexi0hd89gklq8ow67g4h3bqbs4`, `oauth:3dfeexi0hd89gklq8ow67g4h3bqbs4`},
		},
		fps: []string{
			`TWITCH_CHANNEL=speedruns`,
			`twitch_user_id=159834335315463080772968021834`,
		},
	},
	ruleCase{
		id: "pusher-app-secret",
		tps: []tp{
			{`{"log":"PUSHER_APP_SECRET=1ea6d01ed00c0917eebe\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `1ea6d01ed00c0917eebe`},
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property pusher_secret=415731ad7ecfc981fbbb`, `415731ad7ecfc981fbbb`},
		},
		fps: []string{
			`PUSHER_APP_ID=2791457`,
			`pusher_cluster=eu`,
		},
	},
	ruleCase{
		id: "ably-api-key",
		tps: []tp{
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?ably_key=zIZjKm.79PXFo:MYfGH5-xYolMSQmx4fJhZ4ASa01OYidPrw0ld8Ei_Rh&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `zIZjKm.79PXFo:MYfGH5-xYolMSQmx4fJhZ4ASa01OYidPrw0ld8Ei_Rh`},
			{`info: Notifier.Startup[0] Configuration ABLY_API_KEY=dRL1RR.VjnORH:Z2-qVgN7kULqVr9qwAwc0J59Tkhkv-IgSVW6g_e4b8J loaded from environment`, `dRL1RR.VjnORH:Z2-qVgN7kULqVr9qwAwc0J59Tkhkv-IgSVW6g_e4b8J`},
		},
		fps: []string{
			`probably 5izzj8.Pn4qNX:xm1nOTLEWP8Sxg4JYXfijXrpLIjx5T1DpQkRKtKbP2I`,
			`ABLY_API_KEY=Pg306S.3TWq9v`,
		},
	},
	ruleCase{
		id: "segment-public-api-token",
		tps: []tp{
			{`{"level":"warn","message":"config loaded","segment_token":"sgp_g1ksnhparDDpmfWdHhcOEKAwr1ukc9BaJL6iUbxa5wCNCRReC7uhJXo9uoi5EUQ4","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `sgp_g1ksnhparDDpmfWdHhcOEKAwr1ukc9BaJL6iUbxa5wCNCRReC7uhJXo9uoi5EUQ4`},
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" segment_token=sgp_5hEpyHKbx8qtwrYfslDfPGoaueUUioLVIxrxfyHk1hbqFvOQXj6EbnxkPROeFkD8 env=staging`, `sgp_5hEpyHKbx8qtwrYfslDfPGoaueUUioLVIxrxfyHk1hbqFvOQXj6EbnxkPROeFkD8`},
		},
		fps: []string{
			`sgp_haQPX6hRfyFLRCu6s1ecwjKn4sgbui`,
			`SEGMENT_WRITE_KEY=K9YQH5ssnAkZoHmXvMA2CQwLsycvW4KH`,
		},
	},
	ruleCase{
		id: "clickup-pat",
		tps: []tp{
			{`2024-05-14T08:07:17.202719086Z stderr F   clickup_token: pk_58062435_3E54X81SG6GB806ZX5MDUJB2OO1I6J8U`, `pk_58062435_3E54X81SG6GB806ZX5MDUJB2OO1I6J8U`},
			{`CLICKUP_API_TOKEN=pk_60920111_ILXJEM1Q8SZLZN5JR1GQW9PZ6RKD8TTJ`, `pk_60920111_ILXJEM1Q8SZLZN5JR1GQW9PZ6RKD8TTJ`},
		},
		fps: []string{
			`pk_73532176_D50LUGTOOK`,
			`row pk_17964269`,
		},
	},
	ruleCase{
		id: "zapier-webhook-url",
		tps: []tp{
			{`{"level":"error","msg":"notify failed","webhook_url":"https://hooks.zapier.com/hooks/catch/20423033/45kojl0/","status":410}`, `https://hooks.zapier.com/hooks/catch/20423033/45kojl0/`},
			{`NOTIFY_WEBHOOK_URL=https://hooks.zapier.com/hooks/catch/16697276/0veqph0/`, `https://hooks.zapier.com/hooks/catch/16697276/0veqph0/`},
		},
		fps: []string{
			`https://hooks.zapier.com/hooks/catch/<account>/<hook>/`,
			`see https://zapier.com/help for hooks.zapier.com/hooks/catch/ URLs`,
		},
	},
	ruleCase{
		id: "make-webhook-url",
		tps: []tp{
			{`requests.exceptions.HTTPError: 404 Client Error: Not Found for url: https://hook.eu1.make.com/c3jw3rea3fsd2e361raoksufvdddeei3`, `https://hook.eu1.make.com/c3jw3rea3fsd2e361raoksufvdddeei3`},
			{`{"level":"error","msg":"notify failed","webhook_url":"https://hook.eu1.make.com/rz6rirkn7awl4f04bv90pw88rw3z8xbo","status":410}`, `https://hook.eu1.make.com/rz6rirkn7awl4f04bv90pw88rw3z8xbo`},
			{`INTEGROMAT_HOOK=https://hook.integromat.com/ndk24r4hlyycxxhm7vw1sodza8v5dgoe`, `https://hook.integromat.com/ndk24r4hlyycxxhm7vw1sodza8v5dgoe`},
		},
		fps: []string{
			`https://hook.eu1.make.com/lh9xnt4n2d`,
			`https://www.make.com/en/help/tools/webhooks`,
		},
	},
	ruleCase{
		id: "ifttt-webhook-key",
		tps: []tp{
			{`{"level":"error","msg":"notify failed","webhook_url":"https://maker.ifttt.com/trigger/deploy_done/with/key/pStxanwiUsUTlAoq4jh-wf","status":410}`, `https://maker.ifttt.com/trigger/deploy_done/with/key/pStxanwiUsUTlAoq4jh-wf`},
			{`NOTIFY_WEBHOOK_URL=https://maker.ifttt.com/trigger/deploy_done/with/key/XNbH6O7LAxsmxvoQL5RD1O`, `https://maker.ifttt.com/trigger/deploy_done/with/key/XNbH6O7LAxsmxvoQL5RD1O`},
		},
		fps: []string{
			`https://maker.ifttt.com/trigger/{event}/with/key/{key}`,
			`https://maker.ifttt.com/use/GGKbRpxGlp`,
		},
	},
	ruleCase{
		id: "salesforce-access-token",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Fatal error:  Uncaught Exception: 401 Unauthorized for key '00DX5zdkZxTAjL0!746cyU2RHjs2VovScpCo7krRVF5Q35.M1FpMlWxZpNx8yzN0qrYQKfoUcBp9lIxdTP7h5Bbekq0ui8giNTTg1P6WkKKcdAhoSJqlPNoKxHfoRDj' in /var/www/html/vendor/client/src/Http.php:88`, `00DX5zdkZxTAjL0!746cyU2RHjs2VovScpCo7krRVF5Q35.M1FpMlWxZpNx8yzN0qrYQKfoUcBp9lIxdTP7h5Bbekq0ui8giNTTg1P6WkKKcdAhoSJqlPNoKxHfoRDj`},
			{`SF_ACCESS_TOKEN=00DRoKt6YpOV9BT!4jIH3oRVIBam9CQmme60HzcdzdwMyK.SpNEx7xkoBHj57rf4MLijNpss5CCMAhH4zb51N30PBu7OTktNmsEendNFRVOdB1cxUOzWjvh6EWeIg1F`, `00DRoKt6YpOV9BT!4jIH3oRVIBam9CQmme60HzcdzdwMyK.SpNEx7xkoBHj57rf4MLijNpss5CCMAhH4zb51N30PBu7OTktNmsEendNFRVOdB1cxUOzWjvh6EWeIg1F`},
		},
		fps: []string{
			`00DmxKPmfQQV46oYyK is an org id`,
			`hex 00d0b9d8a1ed2eba32d58cd1d6b50ca80`,
		},
	},
	ruleCase{
		id: "zoho-oauth-token",
		tps: []tp{
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","zoho_refresh_token":"1000.8f5b8f0a9eff11438477aae6a1ba0a64.da82566f4ebf0562ae4fd7d3c66d7cb6"}`, `1000.8f5b8f0a9eff11438477aae6a1ba0a64.da82566f4ebf0562ae4fd7d3c66d7cb6`},
			{`  zoho_refresh_token: 1000.e214e9e09f735245dd82ee01a71ec2ca.87d22c43f06263ee6aa080ffc5d25ffb`, `1000.e214e9e09f735245dd82ee01a71ec2ca.87d22c43f06263ee6aa080ffc5d25ffb`},
		},
		fps: []string{
			`version 1000.adab9be9e8`,
			`ZOHO_CLIENT_ID=1000.Q94LA6WRFEFSRCCKBDV0JVN53I5G2B`,
		},
	},
	ruleCase{
		id: "pipedrive-api-token",
		tps: []tp{
			{`2024-05-14T08:03:20.1702711Z + export PIPEDRIVE_API_TOKEN=a1d23f7b73459502bba6e097588d03733ec38243`, `a1d23f7b73459502bba6e097588d03733ec38243`},
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" pipedrive_api_token=1c21fe37fa84a346edf031762123f4c61b1348b5 env=staging`, `1c21fe37fa84a346edf031762123f4c61b1348b5`},
		},
		fps: []string{
			`PIPEDRIVE_COMPANY=corp`,
			`commit 6ed03582df97794ce5b0a21adbe7345f02923901`,
		},
	},
	ruleCase{
		id: "frameio-api-token",
		tps: []tp{
			{`[2024-05-14 08:05:52 +0000] [7] [ERROR] Error handling request /hooks?key=fio-u-13BJEoyYzcrNzyRhuZjeCpmvbUvyIhWD8MiKIWLMO76eygl6Oc-F0t4yhhCnVQ70`, `fio-u-13BJEoyYzcrNzyRhuZjeCpmvbUvyIhWD8MiKIWLMO76eygl6Oc-F0t4yhhCnVQ70`},
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'frameio_token': 'fio-u-CoKLvLb0uVQyIugIDKt8Fb4ifhVQ782uwm-NKPTq-dk3iQm8CGUC-K6e4xq0yQHt', 'timeout': 23}`, `fio-u-CoKLvLb0uVQyIugIDKt8Fb4ifhVQ782uwm-NKPTq-dk3iQm8CGUC-K6e4xq0yQHt`},
		},
		fps: []string{
			`fio-u-KsDOSBqkqG56e3A2SRrU`,
			`FRAMEIO_TOKEN=fio-u-<token>`,
		},
	},
	ruleCase{
		id: "adobe-client-secret",
		tps: []tp{
			{`ADOBE_CLIENT_SECRET=p8e-SqJ90XoS6tSbYB9Z3j8Nz7NWrtiZQOBi`, `p8e-SqJ90XoS6tSbYB9Z3j8Nz7NWrtiZQOBi`},
			{`{"log":"ADOBE_CLIENT_SECRET=p8e-9qCC5BtQHRvlkZNkfcBjwH--wO4yZvsn\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `p8e-9qCC5BtQHRvlkZNkfcBjwH--wO4yZvsn`},
		},
		fps: []string{
			`p8e-bAZvPAo6z1MM`,
			`ADOBE_CLIENT_ID=24355aacd07d3ac1f2ed47d48f423782`,
		},
	},
	ruleCase{
		id: "instagram-access-token",
		tps: []tp{
			{`AuthenticationError: Invalid API Key provided: IGQVIa5P2FaOYP0Xv0c2DlrqraRwFQ2HfAVnnXFwVwKWsA2U50gexdP5vn55k76HTfTgAyVOqlbcUfeuueWYNQJKmDe0FY0OPBZR-6Hl2X6lOmaDfoy8tR4ahnauoJlfW3VXJBidyTGKlFcsH0AI01Hojs`, `IGQVIa5P2FaOYP0Xv0c2DlrqraRwFQ2HfAVnnXFwVwKWsA2U50gexdP5vn55k76HTfTgAyVOqlbcUfeuueWYNQJKmDe0FY0OPBZR-6Hl2X6lOmaDfoy8tR4ahnauoJlfW3VXJBidyTGKlFcsH0AI01Hojs`},
			{`2024-05-14T08:07:17.202719086Z stderr F   instagram_token: IGQV1BnEcnqHwk4oGYFBe7EC2RGhPoH5FazDSysjyUVDiWoZuPkdoNG4punCl7P_mQS1G0rdirbxJmqhb_2R7DdMWN5x51A4j2rd7mpwu2grpdBTD_VLXqYDQ9ZylgAAdTCw4TG9RUz8cTabAX17OHk7qy`, `IGQV1BnEcnqHwk4oGYFBe7EC2RGhPoH5FazDSysjyUVDiWoZuPkdoNG4punCl7P_mQS1G0rdirbxJmqhb_2R7DdMWN5x51A4j2rd7mpwu2grpdBTD_VLXqYDQ9ZylgAAdTCw4TG9RUz8cTabAX17OHk7qy`},
			{`INSTAGRAM_TOKEN=IGAA3HRrQIYGZMgGTqVSGfzGhZolYAGf88wCaeVXuO5gcc28k0GsmVCMFZeeGQxOJydq6Ej20Xyve2PTCM7LQkJMhPh4dTOugdXyXEMeC7qTa7i88PzAg7spgXKOOoZP8h9LynrvO0D3r3gdVehEjrv0ghSxlpKLIdnF`, `IGAA3HRrQIYGZMgGTqVSGfzGhZolYAGf88wCaeVXuO5gcc28k0GsmVCMFZeeGQxOJydq6Ej20Xyve2PTCM7LQkJMhPh4dTOugdXyXEMeC7qTa7i88PzAg7spgXKOOoZP8h9LynrvO0D3r3gdVehEjrv0ghSxlpKLIdnF`},
		},
		fps: []string{
			`IGQVUWwaSJxr6ELRVAWbXGYpcFPnqA0AKA`,
			`INSTAGRAM_USER=corp`,
		},
	},
	ruleCase{
		id: "jotform-api-key",
		tps: []tp{
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property jotform_api_key=e4b1b8261f966fd80cd5272f9a5017ed`, `e4b1b8261f966fd80cd5272f9a5017ed`},
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: jotform_api_key => '58efccd8781ceba30a0ca9927cc9787d'`, `58efccd8781ceba30a0ca9927cc9787d`},
		},
		fps: []string{
			`JOTFORM_FORM_ID=564286689803203`,
			`digest b4694700dfe41c6c68f6d6a25a124a43`,
		},
	},
	ruleCase{
		id: "customerio-api-key",
		tps: []tp{
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'customerio_api_key': 'a913c21ae528b6f3dcb7', 'timeout': 23}`, `a913c21ae528b6f3dcb7`},
			{`    client = Client(customerio_api_key="4950595e7941b47d4bd9")`, `4950595e7941b47d4bd9`},
			{`CUSTOMER_IO_APP_API_KEY=48962e6b1914bf4c3027b24e4883abe3`, `48962e6b1914bf4c3027b24e4883abe3`},
		},
		fps: []string{
			`CUSTOMERIO_SITE_ID=980d859365`,
			`span_id=8e4a6ff70098f8bdc05c`,
		},
	},
	ruleCase{
		id: "braze-api-key",
		tps: []tp{
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'braze_api_key': '40595dbe-7fbe-d0ae-e405-cc37c88a811a', 'timeout': 23}`, `40595dbe-7fbe-d0ae-e405-cc37c88a811a`},
			{`    client = Client(braze_api_key="35575afe-2df0-a536-10e7-e00f5e8bb97f")`, `35575afe-2df0-a536-10e7-e00f5e8bb97f`},
		},
		fps: []string{
			`BRAZE_REST_ENDPOINT=https://rest.iad-01.braze.com`,
			`request_id=ca7eb4ac-712c-d51a-767a-8bd687995fad`,
		},
	},
	ruleCase{
		id: "onesignal-api-key",
		tps: []tp{
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","onesignal_api_key":"os_v2_app_5d4971avqu8d39lgidcl574z4kgw5eycmp146ahqw3uec5js4wr624zdb07p9i29yi9cj8325r4w2te8gtsbn6mtotktvucwyam13miuy5lj30f8g"}`, `os_v2_app_5d4971avqu8d39lgidcl574z4kgw5eycmp146ahqw3uec5js4wr624zdb07p9i29yi9cj8325r4w2te8gtsbn6mtotktvucwyam13miuy5lj30f8g`},
			{`  onesignal_api_key: os_v2_app_ivpgisf1yo7520vxj12lmtp5or20xcd4k9rjme81in498mb89a0esg2ecrgzpyg0nowzp88wz99h9jamioh9iskxru8lx0r0y4yiwrapi8g770afg`, `os_v2_app_ivpgisf1yo7520vxj12lmtp5or20xcd4k9rjme81in498mb89a0esg2ecrgzpyg0nowzp88wz99h9jamioh9iskxru8lx0r0y4yiwrapi8g770afg`},
			{`ONESIGNAL_API_KEY=Fd8eyQNYmgpuVtFas5ZtCiHTqVN7nmlvdp7fYmYuRdBzWHN5`, `Fd8eyQNYmgpuVtFas5ZtCiHTqVN7nmlvdp7fYmYuRdBzWHN5`},
		},
		fps: []string{
			`ONESIGNAL_APP_ID=5a97b0e9-031b-22ca-3459-72e731a0d26f`,
			`onesignal_api_key=kr55IEMrBE9Ev1N7W3g4`,
		},
	},
	ruleCase{
		id: "agora-app-certificate",
		tps: []tp{
			{`    client = Client(agora_app_certificate="3281da63ac7ec4c251925292390fa134")`, `3281da63ac7ec4c251925292390fa134`},
			{`Parameters: {"agora_app_certificate"=>"b93aede7304d72363d583216518be3f8", "format"=>"json"}`, `b93aede7304d72363d583216518be3f8`},
		},
		fps: []string{
			`AGORA_APP_ID=c1add0f28f1ccfbdd5ce`,
			`checksum 0b9aaa649ce5379ef3fb2316a799efe7`,
		},
	},
	ruleCase{
		id: "cloudinary-url",
		tps: []tp{
			{`CLOUDINARY_URL=cloudinary://681782411566129:1pzKk1UhlrgqcbJW6AlSM2xvWzq@corp-media`, `cloudinary://681782411566129:1pzKk1UhlrgqcbJW6AlSM2xvWzq`},
			{`2024-05-14 08:02:11,402 ERROR media.upload: cloudinary config {'url': 'cloudinary://194722302039029:Tj3xeZo3KQdWUG3-TQX5KmT7YEf@corp-media'} rejected (401)`, `cloudinary://194722302039029:Tj3xeZo3KQdWUG3-TQX5KmT7YEf`},
		},
		fps: []string{
			`CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>`,
			`https://res.cloudinary.com/corp-media/image/upload/v1/logo.png`,
		},
	},
	ruleCase{
		id: "ghost-admin-api-key",
		tps: []tp{
			{`  ghost_admin_api_key: 7f8aae74f95a75fcde2eca31:9d1973cada90a87b72e4d1a1007e8f009cc10e4af19ba23cc771231cf549faf3`, `7f8aae74f95a75fcde2eca31:9d1973cada90a87b72e4d1a1007e8f009cc10e4af19ba23cc771231cf549faf3`},
			{`2024-05-14T08:03:20.1702711Z + export GHOST_ADMIN_API_KEY=642c9ec5f7b61e9d21b80f9e:b24f4b6d4c0acebaccb81ff56c9286ca4a09ddf3da490d03000316d8ed96d616`, `642c9ec5f7b61e9d21b80f9e:b24f4b6d4c0acebaccb81ff56c9286ca4a09ddf3da490d03000316d8ed96d616`},
		},
		fps: []string{
			`GHOST_CONTENT_API_KEY=41f4e0fb2e035787c957edec2a`,
			`ghost_url=https://blog.corp.internal`,
		},
	},
	ruleCase{
		id: "coda-api-token",
		tps: []tp{
			{`    client = Client(coda_api_token="9d4845a9-c671-465e-b24c-98d2e6ca9b2c")`, `9d4845a9-c671-465e-b24c-98d2e6ca9b2c`},
			{`Parameters: {"coda_api_token"=>"14cf48fa-598b-dd7a-5331-80eec679e852", "format"=>"json"}`, `14cf48fa-598b-dd7a-5331-80eec679e852`},
		},
		fps: []string{
			`CODA_DOC_ID=D0ykmS77ST`,
			`trace_id=8ca8b67c-13cf-34f0-dc51-5868e5592473`,
		},
	},
	ruleCase{
		id: "webflow-api-token",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: webflow_token => '32dd51db5473c48835bdb3495b06e9d6c0a0aba9ca32c2839d37f3a0a69d0013'`, `32dd51db5473c48835bdb3495b06e9d6c0a0aba9ca32c2839d37f3a0a69d0013`},
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'webflow_token': 'df44bda7537630b94d228499ed100ff6ac4880e5ad71cbd45f4d33cf0a88435d', 'timeout': 23}`, `df44bda7537630b94d228499ed100ff6ac4880e5ad71cbd45f4d33cf0a88435d`},
		},
		fps: []string{
			`WEBFLOW_SITE_ID=6b5c32f621c9e830b150bb7e`,
			`sha256:856181be124358eb16c018b72298a07a3ba26e433ddeb6a1a817d05790bdda80`,
		},
	},
)
