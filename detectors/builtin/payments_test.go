package builtin

// Fixtures below are generated fake secrets (random values in the
// documented shape), never real credentials.
var _ = register(
	ruleCase{
		id: "square-access-token",
		tps: []tp{
			{`SQUARE_ACCESS_TOKEN=EAAAVPj1FGfHWAuCpkIyldxEZTWeX-96K2LCTm6f1jsNbzFzNJeND51JNPkp1t6j`, `EAAAVPj1FGfHWAuCpkIyldxEZTWeX-96K2LCTm6f1jsNbzFzNJeND51JNPkp1t6j`},
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?square_token=EAAAlLFUCp9LZNlhBjQ-mHROg2WY84UlfwfOM4NJyn7820_tUHkZlbIfWnXtkyOp&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `EAAAlLFUCp9LZNlhBjQ-mHROg2WY84UlfwfOM4NJyn7820_tUHkZlbIfWnXtkyOp`},
		},
		fps: []string{
			`SQUARE_ACCESS_TOKEN=EAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
			`EAAAy0nNyVTGZeMH31pGcWZ3 is too short`,
		},
	},
	ruleCase{
		id: "square-legacy-access-token",
		tps: []tp{
			{`+ curl -sS -X POST -H 'Authorization: Bearer sq0atp-YHjSYUsm9srQbTVuG93BW2' -H 'Content-Type: application/json' https://api.internal.local/v1/jobs`, `sq0atp-YHjSYUsm9srQbTVuG93BW2`},
			{`Started GET "/integrations/callback?access_token=sq0atp-PtTU43CdpAcKJLs9u5sAlw" for 10.0.4.12 at 2024-05-14 08:01:12 +0000`, `sq0atp-PtTU43CdpAcKJLs9u5sAlw`},
		},
		fps: []string{
			`square token sq0atp-N88RntC8dA`,
			`sq0atp-aTjDOkV1OB16kQSI84AF3eyPAN6RQr`,
		},
	},
	ruleCase{
		id: "square-oauth-secret",
		tps: []tp{
			{`2024-05-14T08:03:20.1702711Z + export SQUARE_APPLICATION_SECRET=sq0csp-iIq2Lap1cS1djpeDAIpsDxvrvAQKzq3F32yV_VKnhYy`, `sq0csp-iIq2Lap1cS1djpeDAIpsDxvrvAQKzq3F32yV_VKnhYy`},
			{`2024-05-14 08:02:11.402 ERROR 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : authentication failed for key sq0csp-uSsPhtLl69A7qfb2zh2Hgmwl8MXz9kQeFSNe7w8dMzP`, `sq0csp-uSsPhtLl69A7qfb2zh2Hgmwl8MXz9kQeFSNe7w8dMzP`},
		},
		fps: []string{
			`sq0csp-zIbo4PIJe9U4RYk31wfs truncated`,
			`sq0idp-gTxPBAH_wVCQhtEA8xRC6r is the application id`,
		},
	},
	ruleCase{
		id: "braintree-access-token",
		tps: []tp{
			{`    client = Client(api_key="access_token$production$5fi2bo7gaxib63gl$57f6cc960b1ba887fd1686d0be91146d")`, `access_token$production$5fi2bo7gaxib63gl$57f6cc960b1ba887fd1686d0be91146d`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","braintree_access_token":"access_token$production$ya2xb87393bgjbjl$c0c9e26e9bceff2121736d0988e7ba83"}`, `access_token$production$ya2xb87393bgjbjl$c0c9e26e9bceff2121736d0988e7ba83`},
		},
		fps: []string{
			`access_token$production$<merchant_id>$<secret>`,
			`access_token$staging$7v45zwa9r1y0ltda$89780cc8a73e88f182504d531eb8831a`,
		},
	},
	ruleCase{
		id: "adyen-api-key",
		tps: []tp{
			{`{"level":"warn","message":"config loaded","adyen_api_key":"AQE406g+YFLOwl/fNLTolmIYOQzhG3G1ORz1czDwUnBWz4v1NApv6p51MoDz+X2Ai4PuXG7qJ==-p80qaPHERu3NRaXV79whIxXVbvsZq5LijIVnV3p0tIp=-RZsw%$LGSGIVXhXW","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `AQE406g+YFLOwl/fNLTolmIYOQzhG3G1ORz1czDwUnBWz4v1NApv6p51MoDz+X2Ai4PuXG7qJ==-p80qaPHERu3NRaXV79whIxXVbvsZq5LijIVnV3p0tIp=-RZsw%$LGSGIVXhXW`},
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" adyen_api_key=AQELSaDSPphosopoQ1pHrQop76W2uURGGmQKjKxGV4OLDbADEUE755povdB/udTxOOnWfRTi3==-HHaTxCoQHS3BcJtI99bIMTmeBjtUOiFe7ME8RnT2ONK=-ISIK%$YfwgwUSGn8 env=staging`, `AQELSaDSPphosopoQ1pHrQop76W2uURGGmQKjKxGV4OLDbADEUE755povdB/udTxOOnWfRTi3==-HHaTxCoQHS3BcJtI99bIMTmeBjtUOiFe7ME8RnT2ONK=-ISIK%$YfwgwUSGn8`},
			{`2024-05-14 08:02:11.402 ERROR 1 --- [nio-8080-exec-3] c.a.payments.AdyenClient : 401 Unauthorized, X-API-Key: AQE+oQu7MjzXorU0k7aGRvt6KGrNOWMqaKdNd5KdaOwSsiifXh8CrcB1qZ/dlG5ngkSedcAdnvyWSK6bcwpqzGZ6g5Q5T-GsfhP9w6y2Q/u9BR9XfK73puhyBUpK/XFC/K1oUqcsE=`, `AQE+oQu7MjzXorU0k7aGRvt6KGrNOWMqaKdNd5KdaOwSsiifXh8CrcB1qZ/dlG5ngkSedcAdnvyWSK6bcwpqzGZ6g5Q5T-GsfhP9w6y2Q/u9BR9XfK73puhyBUpK/XFC/K1oUqcsE=`},
		},
		fps: []string{
			`ADYEN_API_KEY=AQEo1dasXfJJguC3G4zwJJk`,
			`AQEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
		},
	},
	ruleCase{
		id: "paypal-access-token",
		tps: []tp{
			{`    client = Client(paypal_token="A21AAXf8vzz04B69VZCZHROehsOQx-f6Wmw1RkbRKUwwgwyo6_k5zNCpmhwQoiAKQjnFPV-mN93Cb5dQlaeF-Pb1fSlQ0Qu8f")`, `A21AAXf8vzz04B69VZCZHROehsOQx-f6Wmw1RkbRKUwwgwyo6_k5zNCpmhwQoiAKQjnFPV-mN93Cb5dQlaeF-Pb1fSlQ0Qu8f`},
			{`Parameters: {"paypal_token"=>"A21AAo6521sCpa7W4b9U8HDrVHUDyrsfZrmAvndqh8EoyWTBJonWzG-DzfCQ7mzyAruv7qaubZBqpzm0rfw7N1nXYj0601beR", "format"=>"json"}`, `A21AAo6521sCpa7W4b9U8HDrVHUDyrsfZrmAvndqh8EoyWTBJonWzG-DzfCQ7mzyAruv7qaubZBqpzm0rfw7N1nXYj0601beR`},
		},
		fps: []string{
			`A21AAWAWg4fR8rGR2rKxdXP4v is too short`,
			`ref A21AAxxxx`,
		},
	},
	ruleCase{
		id: "paypal-client-secret",
		tps: []tp{
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property paypal_client_secret=EEvf48uLXAymywFk-WJIhjzB9c648EL7sTzLRP4pKrFtXxBhtGhQUUq7ZdoS9CSKBMRZiD5sdM_H7Ph3`, `EEvf48uLXAymywFk-WJIhjzB9c648EL7sTzLRP4pKrFtXxBhtGhQUUq7ZdoS9CSKBMRZiD5sdM_H7Ph3`},
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: paypal_client_secret => 'EMWPhyJRDeNVDw-qbe5D845vNRzTE15TuNVVWqI74a-dCv8zct3TXZ9z5z0LfRq3M_eoHWbPesCbPrUX'`, `EMWPhyJRDeNVDw-qbe5D845vNRzTE15TuNVVWqI74a-dCv8zct3TXZ9z5z0LfRq3M_eoHWbPesCbPrUX`},
		},
		fps: []string{
			`PAYPAL_CLIENT_ID=AL76ZMrgh7qxH25dp17Ueq0EQizyKNjgYr9uGy9l3sGmPo7C6tqNNKUDJ9FDbYc0SVFRuwV-vWn2k2UQ`,
			`EXPORT_MODE=EsUtyErrRNhlm5i4r2dNuWQcNBQf3TMjBqPD0yKXLndejCnTIMuN6B76DsrjrewKRoc2KhYwyiQq57XD`,
		},
	},
	ruleCase{
		id: "plaid-access-token",
		tps: []tp{
			{`Started GET "/integrations/callback?access_token=access-production-44e1cace-d66b-9a70-d10f-dacbf7d494c6" for 10.0.4.12 at 2024-05-14 08:01:12 +0000`, `access-production-44e1cace-d66b-9a70-d10f-dacbf7d494c6`},
			{`    client = Client(api_key="access-production-470cc8f0-2d00-960f-ed89-cfaa3b365981")`, `access-production-470cc8f0-2d00-960f-ed89-cfaa3b365981`},
			{`{"level":"info","msg":"exchange ok","access_token":"access-sandbox-c29c9140-e8fd-3cf6-74f7-aacbb7f9d3c9","item_id":"weewscMqkOT29cH2OB84QcCI86am57A1uqWUC"}`, `access-sandbox-c29c9140-e8fd-3cf6-74f7-aacbb7f9d3c9`},
		},
		fps: []string{
			`access-production-<uuid>`,
			`public-sandbox-bd7b2436-859b-43bf-0586-16ad921ef3a8`,
		},
	},
	ruleCase{
		id: "plaid-secret",
		tps: []tp{
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","plaid_secret":"c764746ab89aebae0c68fa5a5b3551"}`, `c764746ab89aebae0c68fa5a5b3551`},
			{`  plaid_secret: c378a743a120d01784b718e238ac37`, `c378a743a120d01784b718e238ac37`},
		},
		fps: []string{
			`PLAID_CLIENT_ID=f846cc1a0bf0bd4b18f873f8`,
			`request_id=7ab43f077461df90bece837021eab6`,
		},
	},
	ruleCase{
		id: "razorpay-api-key",
		tps: []tp{
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" razorpay_key_id=rzp_live_ZL7xpPlkhr15lf env=staging`, `rzp_live_ZL7xpPlkhr15lf`},
			{`{"level":"warn","message":"config loaded","razorpay_key_id":"rzp_live_rTsRQCRNz1AQWW","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `rzp_live_rTsRQCRNz1AQWW`},
			{`+ curl -sS -u rzp_test_q0Acp8J3BJTxnv:W4COlxOSQv3w25T63nm1Sutc https://api.razorpay.com/v1/payments`, `rzp_test_q0Acp8J3BJTxnv:W4COlxOSQv3w25T63nm1Sutc`},
		},
		fps: []string{
			`RAZORPAY_KEY_ID=rzp_live_xxxxxxxxxxxxxx`,
			`rzp_live_FXlPeN`,
		},
	},
	ruleCase{
		id: "razorpay-key-secret",
		tps: []tp{
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property razorpay_key_secret=JK0isBvNMCm41vrDLB73n9Va`, `JK0isBvNMCm41vrDLB73n9Va`},
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: razorpay_key_secret => 'KwEy8pcXqnwPGHVvK3p2ElP1'`, `KwEy8pcXqnwPGHVvK3p2ElP1`},
		},
		fps: []string{
			`RAZORPAY_KEY_SECRET=ykbcW8kzWsDm`,
			`key_secret=rIRwiZAs48OGtP0tM4XdpXwO`,
		},
	},
	ruleCase{
		id: "flutterwave-secret-key",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Fatal error:  Uncaught Exception: 401 Unauthorized for key 'FLWSECK-949d4228593db96921a7cd343b65c126-X' in /var/www/html/vendor/client/src/Http.php:88`, `FLWSECK-949d4228593db96921a7cd343b65c126-X`},
			{`FLW_SECRET_KEY=FLWSECK-839cb75a2a33d16582dd4db925005699-X`, `FLWSECK-839cb75a2a33d16582dd4db925005699-X`},
			{`FLW_SECRET_KEY=FLWSECK_TEST-ba46fef44bbfe305bfa0064463461f84-X`, `FLWSECK_TEST-ba46fef44bbfe305bfa0064463461f84-X`},
		},
		fps: []string{
			`FLWPUBK-a2e04f40e04add0e7d758d8262fce46e-X is the public key`,
			`FLWSECK-f305d1b60e53b6840057-X`,
		},
	},
	ruleCase{
		id: "mollie-api-key",
		tps: []tp{
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'mollie_api_key': 'live_blrhDbqcMo9v3M1RsfK4biB9QTgNxG', 'timeout': 23}`, `live_blrhDbqcMo9v3M1RsfK4biB9QTgNxG`},
			{`    client = Client(mollie_api_key="live_1MgPiyVQFeHRnFdSDfKy19gkrhRv7w")`, `live_1MgPiyVQFeHRnFdSDfKy19gkrhRv7w`},
			{`MOLLIE_KEY=test_Zy7oPvJ66UcIYA1X9jSCOZtchfb2ey`, `test_Zy7oPvJ66UcIYA1X9jSCOZtchfb2ey`},
		},
		fps: []string{
			`MOLLIE_API_KEY=live_3qZTD1W243`,
			`feature=live_r9t9ydDB83ET8eSZi6fyQBA5mk3CDA`,
		},
	},
	ruleCase{
		id: "checkout-secret-key",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: checkout_secret_key => 'sk_sbox_ahd6g73t535qszbzsijvzw2kmxe'`, `sk_sbox_ahd6g73t535qszbzsijvzw2kmxe`},
			{`2024-05-14 08:04:10,348 WARNING app.clients: retrying with credential sk_sbox_sfeye6u5z2ldzmb2z6po7wlk6jl after 401`, `sk_sbox_sfeye6u5z2ldzmb2z6po7wlk6jl`},
			{`{"level":"error","msg":"checkout.com auth failed","secret_key":"sk_zvoi6bzjjo2ray43pjfpgosuejl"}`, `sk_zvoi6bzjjo2ray43pjfpgosuejl`},
		},
		fps: []string{
			`disk_usage=sk_bcftvfyv4y`,
			`task_id=dnd5kvnyqkciu3j4c5oytnec2hd`,
			`sk_sbox_xxxxxxxxxxxxxxxxxxxxxxxxxxx`,
		},
	},
	ruleCase{
		id: "gocardless-access-token",
		tps: []tp{
			{`  gocardless_token: live_GJmLtQHOU4QmNshCS58SxkJBetuY0tmPIGaRXoTg`, `live_GJmLtQHOU4QmNshCS58SxkJBetuY0tmPIGaRXoTg`},
			{`2024-05-14T08:03:20.1702711Z + export GOCARDLESS_ACCESS_TOKEN=live_Sff6xRqo44jXRrCBsXQ8McjFcYokvfYrDCKEZlps`, `live_Sff6xRqo44jXRrCBsXQ8McjFcYokvfYrDCKEZlps`},
			{`GOCARDLESS_TOKEN=sandbox_oauSDPi64bxbkA94fC3MfWr1SirPaC4sBsmODWr3`, `sandbox_oauSDPi64bxbkA94fC3MfWr1SirPaC4sBsmODWr3`},
		},
		fps: []string{
			`GOCARDLESS_ENV=live`,
			`gocardless_token=live_YOCaMCjsaQu9`,
		},
	},
	ruleCase{
		id: "shippo-api-token",
		tps: []tp{
			{`    client = Client(api_key="shippo_live_daae000bfeeaa77babbd177103b16bc1752f79f7")`, `shippo_live_daae000bfeeaa77babbd177103b16bc1752f79f7`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","shippo_token":"shippo_live_7f03bb6781bf4d30c08d31ff48590f506200c1bd"}`, `shippo_live_7f03bb6781bf4d30c08d31ff48590f506200c1bd`},
			{`+ curl -sS -H 'Authorization: ShippoToken shippo_test_50b18c11fa84c775a3b2e1658e8fef28bf7efbbd' https://api.goshippo.com/shipments/`, `shippo_test_50b18c11fa84c775a3b2e1658e8fef28bf7efbbd`},
		},
		fps: []string{
			`shippo_live_<token>`,
			`shippo_test_2319a404d6b861d88261`,
		},
	},
	ruleCase{
		id: "easypost-api-key",
		tps: []tp{
			{`2024-05-14 08:04:10,348 WARNING app.clients: retrying with credential EZAKd97dcda8962292bfa650e47f45e82c2d1c46ee5f7024383d11981b after 401`, `EZAKd97dcda8962292bfa650e47f45e82c2d1c46ee5f7024383d11981b`},
			{`fail: Billing.Api.Clients.UpstreamClient[0] Request to upstream failed, ApiKey=EZAK1ec2081382d6c8204352de6d1c7777e8acc36ba9ddac0ff85a15ea`, `EZAK1ec2081382d6c8204352de6d1c7777e8acc36ba9ddac0ff85a15ea`},
			{`EASYPOST_TEST_KEY=EZTK5124bbce1baf0bc749e9c4395827a605201cd020897a80cb0fd5d6`, `EZTK5124bbce1baf0bc749e9c4395827a605201cd020897a80cb0fd5d6`},
		},
		fps: []string{
			`EZAKdae45543e9c8e324a1aa`,
			`EZPK126059728c0de6700aea902befe1c3a11390e39cd29c4a2d1c78c7`,
		},
	},
	ruleCase{
		id: "duffel-access-token",
		tps: []tp{
			{`Parameters: {"duffel_token"=>"duffel_live_L3OhoCMDurn_X7lHglOTqECFi3SZeher0CX-B5dIUU4", "format"=>"json"}`, `duffel_live_L3OhoCMDurn_X7lHglOTqECFi3SZeher0CX-B5dIUU4`},
			{`+ curl -sS -X POST -H 'Authorization: Bearer duffel_live_kx7cdVF36F5aFoon7ESMPZVbM31-XVWt1E722GdOVlA' -H 'Content-Type: application/json' https://api.internal.local/v1/jobs`, `duffel_live_kx7cdVF36F5aFoon7ESMPZVbM31-XVWt1E722GdOVlA`},
		},
		fps: []string{
			`duffel_test_uSRNxytbr4`,
			`DUFFEL_ACCESS_TOKEN=duffel_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
		},
	},
	ruleCase{
		id: "paddle-api-key",
		tps: []tp{
			{`{"level":"error","ts":1715673584.128,"caller":"client/auth.go:112","msg":"upstream rejected credential","credential":"pdl_live_apikey_fg7e17a9duemut38xnh52neps0_iT31KxS9OpGs3wM8HFnwaa_OC5","status":401}`, `pdl_live_apikey_fg7e17a9duemut38xnh52neps0_iT31KxS9OpGs3wM8HFnwaa_OC5`},
			{`[14-May-2024 08:01:12 UTC] PHP Fatal error:  Uncaught Exception: 401 Unauthorized for key 'pdl_live_apikey_7ug2y692ep2ocbq0fhcarcib4d_vh4mcbdpolq2Qy4W4il5ov_DTj' in /var/www/html/vendor/client/src/Http.php:88`, `pdl_live_apikey_7ug2y692ep2ocbq0fhcarcib4d_vh4mcbdpolq2Qy4W4il5ov_DTj`},
			{`PADDLE_API_KEY=pdl_sdbx_apikey_rqzrdocwrl7qhk4ye38ia94olv_iPqGFCWgfvqk63Q7ZEJlQy_Yvu`, `pdl_sdbx_apikey_rqzrdocwrl7qhk4ye38ia94olv_iPqGFCWgfvqk63Q7ZEJlQy_Yvu`},
		},
		fps: []string{
			`pdl_live_apikey_ree1xzeuhh03tosmfbond3m2gb`,
			`pdl_sdbx_apikey_<key>`,
		},
	},
	ruleCase{
		id: "xendit-secret-key",
		tps: []tp{
			{`{"level":"error","ts":1715673584.128,"caller":"client/auth.go:112","msg":"upstream rejected credential","credential":"xnd_production_Ju3a7hQJCUZcNPsDJRlPB5EWAdKFCTiO2lP0vQ7xb1WWA7emp7pU7WslFHRMhhsXCqcJPp","status":401}`, `xnd_production_Ju3a7hQJCUZcNPsDJRlPB5EWAdKFCTiO2lP0vQ7xb1WWA7emp7pU7WslFHRMhhsXCqcJPp`},
			{`[14-May-2024 08:01:12 UTC] PHP Fatal error:  Uncaught Exception: 401 Unauthorized for key 'xnd_production_daQkq110J6SrLg4wKvmOlznrZv6zyiWm46VEtpxYkla5NWSFFmG50xjp68aKbldCDxJL7X' in /var/www/html/vendor/client/src/Http.php:88`, `xnd_production_daQkq110J6SrLg4wKvmOlznrZv6zyiWm46VEtpxYkla5NWSFFmG50xjp68aKbldCDxJL7X`},
			{`XENDIT_SECRET_KEY=xnd_development_olwlicgJfuTTPgobGTdxpZlvQwMSWWEfbBEbbaUd8HVrM8tSo8fCgKDSYdfcZnIDzDelBe`, `xnd_development_olwlicgJfuTTPgobGTdxpZlvQwMSWWEfbBEbbaUd8HVrM8tSo8fCgKDSYdfcZnIDzDelBe`},
		},
		fps: []string{
			`xnd_public_production_Cq97edIq2LKd9j5FLNCq9iUwiqsSDXvxSyidyUosaP5tQBdpSCAcNLi8LxHMODU0Y4tFIi`,
			`xnd_production_SQhogOPLnBvn`,
		},
	},
	ruleCase{
		id: "midtrans-server-key",
		tps: []tp{
			{`{"error":{"code":401,"message":"The credential Mid-server-oWThEZg_Ls2yvruI-L5o8f-x is invalid or revoked"}}`, `Mid-server-oWThEZg_Ls2yvruI-L5o8f-x`},
			{`{"level":"warn","message":"config loaded","midtrans_server_key":"Mid-server-ygmLLyVSVeL1PCawGC45Luol","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `Mid-server-ygmLLyVSVeL1PCawGC45Luol`},
			{`MIDTRANS_SERVER_KEY=SB-Mid-server-iz3PPBqTpaeOd7X-2x4RThYt`, `SB-Mid-server-iz3PPBqTpaeOd7X-2x4RThYt`},
		},
		fps: []string{
			`Mid-client-PFXIu4SzIsfecLPETPZIGQTz is the public client key`,
			`Mid-server-Q0nsenT3`,
		},
	},
	ruleCase{
		id: "mercadopago-access-token",
		tps: []tp{
			{`MP_ACCESS_TOKEN=APP_USR-4112672769183645-222553-b7aa2ede55dd47c310495ffd8002f464-634254928`, `APP_USR-4112672769183645-222553-b7aa2ede55dd47c310495ffd8002f464-634254928`},
			{`{"log":"MP_ACCESS_TOKEN=APP_USR-9079095993357426-695323-7d7c209effc8e8085fb1c8536ba65867-181132791\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `APP_USR-9079095993357426-695323-7d7c209effc8e8085fb1c8536ba65867-181132791`},
		},
		fps: []string{
			`MP_PUBLIC_KEY=APP_USR-493756ea-827c-af52-ce9f-fa47a34c1eed`,
			`APP_USR-2305089259943662`,
		},
	},
	ruleCase{
		id: "woocommerce-api-key",
		tps: []tp{
			{`Started GET "/integrations/callback?access_token=cs_f0ddec804ac5f84fbcde4f9e30e11d52215d86d6" for 10.0.4.12 at 2024-05-14 08:01:12 +0000`, `cs_f0ddec804ac5f84fbcde4f9e30e11d52215d86d6`},
			{`    client = Client(api_key="cs_cd384b73889dc4724c17c00755b19e08a77249b2")`, `cs_cd384b73889dc4724c17c00755b19e08a77249b2`},
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /wp-json/wc/v3/orders?consumer_key=ck_c89aee68ee2dc8e30a8a43cf97d4b30f51531d48&consumer_secret=cs_b3808d79c4ea71f3365c2db4d10c455d8a826ec8 HTTP/1.1" 200 912 "-" "WooCommerce API Client-PHP/3.1.0"`, `ck_c89aee68ee2dc8e30a8a43cf97d4b30f51531d48`},
		},
		fps: []string{
			`cs_live_75KA9e1kOHdOdR0WosLvRvY9 is a Stripe checkout session id`,
			`ck_c2ae359ab2bcec448ba6b15b216bca`,
		},
	},
	ruleCase{
		id: "paystack-secret-key",
		tps: []tp{
			{`2024-05-14T08:07:17.202719086Z stderr F   paystack_secret_key: sk_live_64c2b0c9c794cf4420e43edc04c8190abab89a3e`, `sk_live_64c2b0c9c794cf4420e43edc04c8190abab89a3e`},
			{`PAYSTACK_SECRET_KEY=sk_live_6184ae53bfc2bb09f114d59f7854cc3bbda2565a`, `sk_live_6184ae53bfc2bb09f114d59f7854cc3bbda2565a`},
			{`+ curl -sS https://api.paystack.co/transaction/verify/ref_83hd -H 'Authorization: Bearer sk_test_0c5d992e9b0a9b9c5215f0b8027c023038218ef9'`, `sk_test_0c5d992e9b0a9b9c5215f0b8027c023038218ef9`},
		},
		fps: []string{
			`PAYSTACK_PUBLIC_KEY=pk_live_2e86a69b74de210b72866a6cae848ba8f595bad0`,
			`sk_live_903035dfd1be5d4403fe23501bfd6e`,
		},
	},
	ruleCase{
		id: "authorizenet-transaction-key",
		tps: []tp{
			{`info: Notifier.Startup[0] Configuration AUTHORIZENET_TRANSACTION_KEY=ETugB04dkmufwXuk loaded from environment`, `ETugB04dkmufwXuk`},
			{`{"log":"AUTHORIZENET_TRANSACTION_KEY=bzz1Ibau9EHw1mTD\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `bzz1Ibau9EHw1mTD`},
		},
		fps: []string{
			`AUTHORIZENET_API_LOGIN_ID=0rd4Wd7au`,
			`authnet_env=sandbox`,
		},
	},
)
