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
			`client_secret_pm9vd9uBmTol7pMR1JebmQnaoLWkEpjb2VIdNp5yRzE`,
			`secret_87aA2LHmVGpUYaH7Gu1J`,
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
			`ntn_uuFjjfjOWW4IBkkko6RB`,
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
			`pat-xx9-128683b5-edd0-f9d1-68ff-7c9c3c73fa59`,
		},
	},
	ruleCase{
		id: "airtable-pat",
		tps: []tp{
			{`2024-05-14T08:07:17.202719086Z stderr F   airtable_token: patyn5cy8idughk7F.ebb24324da79b7308e46447f32ee95fcc9c419c8ad555c022c381382d7109d79`, `patyn5cy8idughk7F.ebb24324da79b7308e46447f32ee95fcc9c419c8ad555c022c381382d7109d79`},
			{`AIRTABLE_API_KEY=patwM9IRl3i2fF1QH.300119492a14ebd447de5948398754003e164d79e7f046f4f488342cfed1805c`, `patwM9IRl3i2fF1QH.300119492a14ebd447de5948398754003e164d79e7f046f4f488342cfed1805c`},
		},
		fps: []string{
			`pattern=0c31e4531c8f5c3a61572eec881c03122b0ba640ca1040b70f66338803884c5d`,
			`pat47UxZ2Xzka697X.812edd31649311d91c01`,
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
			`ASANA_WORKSPACE=5168589823608005`,
			`ratio 2/1059311031636003:5efe5f0a9d8cbd65d1cbc2a792d9aa68`,
		},
	},
	ruleCase{
		id: "typeform-pat",
		tps: []tp{
			{`[2024-05-14 08:05:52 +0000] [7] [ERROR] Error handling request /hooks?key=tfp_KfYdzjAVftv1GTgKFN4EI26hoNE2oUkLcma90GeWYkIj__YnkqJ5JsjQuhH`, `tfp_KfYdzjAVftv1GTgKFN4EI26hoNE2oUkLcma90GeWYkIj__YnkqJ5JsjQuhH`},
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'typeform_token': 'tfp_psnv5G5Jf0JK7IH9LkoOZ3D06a7Nw8EyUGg96UB9BVEv_gXp6q5yTT64vYG', 'timeout': 23}`, `tfp_psnv5G5Jf0JK7IH9LkoOZ3D06a7Nw8EyUGg96UB9BVEv_gXp6q5yTT64vYG`},
		},
		fps: []string{
			`tfp_J1REYWRyB4`,
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
			`MAPBOX_PUBLIC_TOKEN=pk.eyJ1IjoiZ2VvLXB0NWdndCIsImEiOiJpazBid2VwOWtiNmRwdjFvYW9iejZwb2F4In0._dTUutNGi5c9f6mIOO1xHW`,
			`sk.eyJub3RqdWxlIjoxfQ.j8uOMcqLamp5gPOMahNr4m`,
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
			`ssl.jyX6hhGuvY3pHZgPV9zkb_B7KlC-hFQ6ojQMXWwKUuFVTRmnAXWpMd0Rrh5WhvOfm7M4e53S9KkAio3cmD3ZsGKnricfC1ksdkngoLuzyBaikb64ME1nPQ_L33Au2vYRl1NbdwnBzQkp`,
			`sl.BS5QOl7RzYi58UbMwtbd20camAuACzFVcQg3tsbC`,
		},
	},
	ruleCase{
		id: "algolia-api-key",
		tps: []tp{
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" algolia_api_key=b827388551a222cb9a10c1612ba5f06f env=staging`, `b827388551a222cb9a10c1612ba5f06f`},
			{`{"level":"warn","message":"config loaded","algolia_api_key":"d5bce774ebff27abef70dac8f480b933","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `d5bce774ebff27abef70dac8f480b933`},
		},
		fps: []string{
			`ALGOLIA_APP_ID=00YH62KYQA`,
			`md5=ab7afe51e01c209af0d5a7114d08f465`,
		},
	},
	ruleCase{
		id: "launchdarkly-access-token",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: launchdarkly_api_token => 'api-2ca30e61-8978-d596-7d32-3734ae64d1e5'`, `api-2ca30e61-8978-d596-7d32-3734ae64d1e5`},
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'launchdarkly_api_token': 'api-ffd9574f-76d9-dfd5-1967-5a007974c766', 'timeout': 23}`, `api-ffd9574f-76d9-dfd5-1967-5a007974c766`},
		},
		fps: []string{
			`x-request-id: api-aa6ab00c-6dbe-b79c-d41a-c324cfbb71d4`,
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
			`dG9rOOvKXpjitjbYzojZKVXnQVDRF6GtcIxlsiGI4TDqIcJtMLfPhPu9uTqIegHdm`,
			`dG9rOjyz1Cpy8iyC`,
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
			`zendesk_ticket=56492415`,
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
			`freshdesk_api_key=a7u0ekhS`,
		},
	},
	ruleCase{
		id: "klaviyo-private-key",
		tps: []tp{
			{`info: Notifier.Startup[0] Configuration KLAVIYO_PRIVATE_KEY=pk_c2ecf2ecb6a0bcd0cafacd302acd4b46c3 loaded from environment`, `pk_c2ecf2ecb6a0bcd0cafacd302acd4b46c3`},
			{`{"level":"error","ts":1715673584.128,"caller":"client/auth.go:112","msg":"upstream rejected credential","credential":"pk_8b122c766b4b76172fddf3b6ee6afad9e8","status":401}`, `pk_8b122c766b4b76172fddf3b6ee6afad9e8`},
		},
		fps: []string{
			`pk_live_vmwSHdikTfrVNdoNbcd6WepF`,
			`pk_test_qs9hDeU9euoF6vDNZhnJwoLa`,
			`fk_pk_917fc5a18d054bdb30da16359e38c0f5b5`,
		},
	},
	ruleCase{
		id: "facebook-access-token",
		tps: []tp{
			{`    client = Client(api_key="EAABvJaWLN5rrZPyfvvA4TZKjc5ElpE5OlEKnhKyEjldtD8P6PH2eZD4IQl2lu3uiM3QsfXgDQB5gBUoyoigICXKv2jrw5LlzvHlMIHijs0j1F3YZ8GHR0lJFmuRK7uRHolltCT0o7MZphBD7FqKx5Vt4xIIWolCubp0iudXNSv0vNNVbNq5OGit")`, `EAABvJaWLN5rrZPyfvvA4TZKjc5ElpE5OlEKnhKyEjldtD8P6PH2eZD4IQl2lu3uiM3QsfXgDQB5gBUoyoigICXKv2jrw5LlzvHlMIHijs0j1F3YZ8GHR0lJFmuRK7uRHolltCT0o7MZphBD7FqKx5Vt4xIIWolCubp0iudXNSv0vNNVbNq5OGit`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","facebook_access_token":"EAABefL0RzSdk7m4fZUR471YbLpW7uIFb65w9jdBaO7xPIELLFg2d3EvGeWF0fHcWwQVu2DVrgP96pHfjInyJZiikOUEiVVBbX4PBYgAbiYF90QD8vNuQRwrlTIE4yL4CAoXqXIePjJisgDj3Rw5TEcSCHTDMTo5rFIGtgd67MV1N0tMkpdSEr3S"}`, `EAABefL0RzSdk7m4fZUR471YbLpW7uIFb65w9jdBaO7xPIELLFg2d3EvGeWF0fHcWwQVu2DVrgP96pHfjInyJZiikOUEiVVBbX4PBYgAbiYF90QD8vNuQRwrlTIE4yL4CAoXqXIePjJisgDj3Rw5TEcSCHTDMTo5rFIGtgd67MV1N0tMkpdSEr3S`},
		},
		fps: []string{
			`EAAAakQAQoBQKs-xrNHNt-m4FXvXuzP7m353iKl7jjjFb8hry_tTNVuacfADOBUK`,
			`EAABz6EAohmuPoQNXV7pT3x29Tro486hhl`,
		},
	},
	ruleCase{
		id: "facebook-app-secret",
		tps: []tp{
			{`  fb_app_secret: 463138c54cfaceb7bac455fa7504c0cd`, `463138c54cfaceb7bac455fa7504c0cd`},
			{`2024-05-14T08:03:20.1702711Z + export FACEBOOK_APP_SECRET=d3b9ece199d164e20397d918804f92d9`, `d3b9ece199d164e20397d918804f92d9`},
		},
		fps: []string{
			`FACEBOOK_APP_ID=8609564553666700`,
			`digest=d37277b82d73d93b6a707a7f2c6fb0e2`,
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
			`AAAAAAAAAAAAAAAAAAAAADT6uqTMvkvSlbLvfYdZ4wpPJMkBIbZzy2hl5Nxv6t7Ya1n6KfV`,
		},
	},
	ruleCase{
		id: "twitter-api-secret",
		tps: []tp{
			{`{"log":"TWITTER_API_SECRET=7s1yla8Dyddvrwj7aAyOl4DUgsCfU7eYQ8sgpWusDkdkt02AXN\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `7s1yla8Dyddvrwj7aAyOl4DUgsCfU7eYQ8sgpWusDkdkt02AXN`},
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property twitter_consumer_secret=Y0VLm9XyRg51dCsE5Lj0mssjrnys18biiwAgBAUL8NFmpIAkTI`, `Y0VLm9XyRg51dCsE5Lj0mssjrnys18biiwAgBAUL8NFmpIAkTI`},
		},
		fps: []string{
			`TWITTER_API_KEY=qguBCdGd6xjsWlG3fajR9EuhW`,
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
			`twitch_user_id=736392359109822447902479229617`,
		},
	},
	ruleCase{
		id: "pusher-app-secret",
		tps: []tp{
			{`{"log":"PUSHER_APP_SECRET=1ea6d01ed00c0917eebe\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `1ea6d01ed00c0917eebe`},
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property pusher_secret=415731ad7ecfc981fbbb`, `415731ad7ecfc981fbbb`},
		},
		fps: []string{
			`PUSHER_APP_ID=6058976`,
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
			`probably KyLlmf.EusA5o:p1uMbmCwuMTGjdm4rON9wcduvio3eFyZajdE-AI9wtI`,
			`ABLY_API_KEY=ZiG8Qv.A2AgCh`,
		},
	},
	ruleCase{
		id: "segment-public-api-token",
		tps: []tp{
			{`{"level":"warn","message":"config loaded","segment_token":"sgp_g1ksnhparDDpmfWdHhcOEKAwr1ukc9BaJL6iUbxa5wCNCRReC7uhJXo9uoi5EUQ4","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `sgp_g1ksnhparDDpmfWdHhcOEKAwr1ukc9BaJL6iUbxa5wCNCRReC7uhJXo9uoi5EUQ4`},
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" segment_token=sgp_5hEpyHKbx8qtwrYfslDfPGoaueUUioLVIxrxfyHk1hbqFvOQXj6EbnxkPROeFkD8 env=staging`, `sgp_5hEpyHKbx8qtwrYfslDfPGoaueUUioLVIxrxfyHk1hbqFvOQXj6EbnxkPROeFkD8`},
		},
		fps: []string{
			`sgp_9npUKFqC6HaaPrpyIpOLGGBmHQrqfm`,
			`SEGMENT_WRITE_KEY=BIUpp72wCgfAU4FYZegZveMO7aF4JPcC`,
		},
	},
	ruleCase{
		id: "clickup-pat",
		tps: []tp{
			{`2024-05-14T08:07:17.202719086Z stderr F   clickup_token: pk_58062435_3E54X81SG6GB806ZX5MDUJB2OO1I6J8U`, `pk_58062435_3E54X81SG6GB806ZX5MDUJB2OO1I6J8U`},
			{`CLICKUP_API_TOKEN=pk_60920111_ILXJEM1Q8SZLZN5JR1GQW9PZ6RKD8TTJ`, `pk_60920111_ILXJEM1Q8SZLZN5JR1GQW9PZ6RKD8TTJ`},
		},
		fps: []string{
			`pk_89511487_U10Y49EIYM`,
			`row pk_16457880`,
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
			`https://hook.eu1.make.com/cdvnnym72i`,
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
			`https://maker.ifttt.com/use/tc8YhePyzZ`,
		},
	},
	ruleCase{
		id: "salesforce-access-token",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Fatal error:  Uncaught Exception: 401 Unauthorized for key '00DX5zdkZxTAjL0!746cyU2RHjs2VovScpCo7krRVF5Q35.M1FpMlWxZpNx8yzN0qrYQKfoUcBp9lIxdTP7h5Bbekq0ui8giNTTg1P6WkKKcdAhoSJqlPNoKxHfoRDj' in /var/www/html/vendor/client/src/Http.php:88`, `00DX5zdkZxTAjL0!746cyU2RHjs2VovScpCo7krRVF5Q35.M1FpMlWxZpNx8yzN0qrYQKfoUcBp9lIxdTP7h5Bbekq0ui8giNTTg1P6WkKKcdAhoSJqlPNoKxHfoRDj`},
			{`SF_ACCESS_TOKEN=00DRoKt6YpOV9BT!4jIH3oRVIBam9CQmme60HzcdzdwMyK.SpNEx7xkoBHj57rf4MLijNpss5CCMAhH4zb51N30PBu7OTktNmsEendNFRVOdB1cxUOzWjvh6EWeIg1F`, `00DRoKt6YpOV9BT!4jIH3oRVIBam9CQmme60HzcdzdwMyK.SpNEx7xkoBHj57rf4MLijNpss5CCMAhH4zb51N30PBu7OTktNmsEendNFRVOdB1cxUOzWjvh6EWeIg1F`},
		},
		fps: []string{
			`00Dik7UgRxlvaH4Hve is an org id`,
			`hex 00df921b7976a62b8d710ef5d042682e2`,
		},
	},
	ruleCase{
		id: "zoho-oauth-token",
		tps: []tp{
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","zoho_refresh_token":"1000.8f5b8f0a9eff11438477aae6a1ba0a64.da82566f4ebf0562ae4fd7d3c66d7cb6"}`, `1000.8f5b8f0a9eff11438477aae6a1ba0a64.da82566f4ebf0562ae4fd7d3c66d7cb6`},
			{`  zoho_refresh_token: 1000.e214e9e09f735245dd82ee01a71ec2ca.87d22c43f06263ee6aa080ffc5d25ffb`, `1000.e214e9e09f735245dd82ee01a71ec2ca.87d22c43f06263ee6aa080ffc5d25ffb`},
		},
		fps: []string{
			`version 1000.8be4cc4685`,
			`ZOHO_CLIENT_ID=1000.G088GUWSPYU4W6LD2RZY98CE8EYIHS`,
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
			`commit 825ebd73a2a9490ad838a3032cfea921b46930a4`,
		},
	},
	ruleCase{
		id: "frameio-api-token",
		tps: []tp{
			{`[2024-05-14 08:05:52 +0000] [7] [ERROR] Error handling request /hooks?key=fio-u-13BJEoyYzcrNzyRhuZjeCpmvbUvyIhWD8MiKIWLMO76eygl6Oc-F0t4yhhCnVQ70`, `fio-u-13BJEoyYzcrNzyRhuZjeCpmvbUvyIhWD8MiKIWLMO76eygl6Oc-F0t4yhhCnVQ70`},
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'frameio_token': 'fio-u-CoKLvLb0uVQyIugIDKt8Fb4ifhVQ782uwm-NKPTq-dk3iQm8CGUC-K6e4xq0yQHt', 'timeout': 23}`, `fio-u-CoKLvLb0uVQyIugIDKt8Fb4ifhVQ782uwm-NKPTq-dk3iQm8CGUC-K6e4xq0yQHt`},
		},
		fps: []string{
			`fio-u-K9YQH5ssnAkZoHmXvMA2`,
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
			`p8e-CQwLsycvW4KH`,
			`ADOBE_CLIENT_ID=d7b642fd1fd5a397751fd95c53b69f6e`,
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
			`IGQVdGGKbRpxGlpmxKPmfQQV46oYyKbYwS`,
			`INSTAGRAM_USER=corp`,
		},
	},
)
