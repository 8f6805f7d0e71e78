package builtin

// Fixtures below are generated fake secrets (random values in the
// documented shape), never real credentials.
var _ = register(
	ruleCase{
		id: "openai-api-key",
		tps: []tp{
			{`Parameters: {"openai_api_key"=>"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", "format"=>"json"}`, `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`},
			{`+ curl -sS -X POST -H 'Authorization: Bearer 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' -H 'Content-Type: application/json' https://api.internal.local/v1/jobs`, `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`},
			{`{"error":{"message":"Incorrect API key provided: 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. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","code":"invalid_api_key"}}`, `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`},
			{`OPENAI_ADMIN_KEY=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`, `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`},
			{`+ curl https://api.openai.com/v1/models -H 'Authorization: Bearer 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'`, `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`},
		},
		fps: []string{
			`OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
			`OPENAI_API_KEY=sk-proj-lCYLAEUEKVrLap3tU2RGNf31Dk2pHbCJIUNr1DFC`,
			`T3BlbkFJ appears alone`,
		},
	},
	ruleCase{
		id: "anthropic-api-key",
		tps: []tp{
			{`    client = Client(api_key="sk-ant-api03-CxiYxIPJK14JPQNfbmWTgvkCzTLm2x_LwVABKX-DHFP9pUIXFzneWAtEpXFefgKnwBj-JiJXSkTr2vxbFLYkR7jQkK2_NAA")`, `sk-ant-api03-CxiYxIPJK14JPQNfbmWTgvkCzTLm2x_LwVABKX-DHFP9pUIXFzneWAtEpXFefgKnwBj-JiJXSkTr2vxbFLYkR7jQkK2_NAA`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","anthropic_api_key":"sk-ant-api03-Rw8Dc67pfO4Ur9JvlFEphjDk8xNRL_mphWhCic2qdCFvqPtmbUz6tHpFT8USNxwBDGVzAPChx6KMGK-3sePrc8aFCGGfLAA"}`, `sk-ant-api03-Rw8Dc67pfO4Ur9JvlFEphjDk8xNRL_mphWhCic2qdCFvqPtmbUz6tHpFT8USNxwBDGVzAPChx6KMGK-3sePrc8aFCGGfLAA`},
			{`  anthropic_api_key: sk-ant-api03-8XcALdCrUV0zan4S3s7iReXRYhpNz4-EDRd670arT8D9r4U8FnOSctt2FuIK8vRwJzFjt0rP1ny72eVUGieyASlnup1SRAA`, `sk-ant-api03-8XcALdCrUV0zan4S3s7iReXRYhpNz4-EDRd670arT8D9r4U8FnOSctt2FuIK8vRwJzFjt0rP1ny72eVUGieyASlnup1SRAA`},
		},
		fps: []string{
			`ANTHROPIC_API_KEY=sk-ant-api03-...`,
			`sk-ant-api03-m4miZT2QOkr-nRGKjP1gKJkERJPgoAwHdYHi9bQ0Uw0nBihF6WthPG2rq8kmAA`,
			`sk-ant-api03-OG6zHOuV6znY9A09llJiO2Gt98qlbXxblYRp32xifYGcI7plQ1JLVkRoWj7PJ8tXkqX9fxeQxUA5W4V1h6Djlrx106DPeau`,
		},
	},
	ruleCase{
		id: "anthropic-admin-key",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Fatal error:  Uncaught Exception: 401 Unauthorized for key 'sk-ant-admin01-2cWjhuuXwTrXXS1EANxiZMKXvFZC0Txk8kuUFHyRw6-Cz6V5xOHgnujvoSnY2DyNS4mqnbhCB_Hiw6cwI6qOrbou0lDGlAA' in /var/www/html/vendor/client/src/Http.php:88`, `sk-ant-admin01-2cWjhuuXwTrXXS1EANxiZMKXvFZC0Txk8kuUFHyRw6-Cz6V5xOHgnujvoSnY2DyNS4mqnbhCB_Hiw6cwI6qOrbou0lDGlAA`},
			{`ANTHROPIC_ADMIN_KEY=sk-ant-admin01-4LLJSdGa7UYVzxUu7546oyclRef-x9cjyelyfzEVVGtnC8bY7C-tCfa7XrVBqWKjd8EHtT6Hf4sJyP2Vdn2JfZb_CM7p7AA`, `sk-ant-admin01-4LLJSdGa7UYVzxUu7546oyclRef-x9cjyelyfzEVVGtnC8bY7C-tCfa7XrVBqWKjd8EHtT6Hf4sJyP2Vdn2JfZb_CM7p7AA`},
		},
		fps: []string{
			`ANTHROPIC_ADMIN_KEY=sk-ant-admin01-<key>`,
			`sk-ant-admin01-QDt7BRz6LyA9XqtY22ECS3r8NXt45I2lBtSQ2VQtOxcQYuOt1Z`,
		},
	},
	ruleCase{
		id: "huggingface-token",
		tps: []tp{
			{`2024-05-14T08:07:17.202719086Z stderr F   hf_token: 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`, `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`},
			{`HUGGING_FACE_HUB_TOKEN=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`, `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`},
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?hf_token=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&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `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`},
		},
		fps: []string{
			`HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
			`path=/models/hf_NkZqDyqfJyyiHAfZHeFF`,
			`shelf_vFEotVjhmQnEmKibURAvadJHBQfWledpNE`,
		},
	},
	ruleCase{
		id: "huggingface-org-token",
		tps: []tp{
			{`Started GET "/integrations/callback?access_token=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" for 10.0.4.12 at 2024-05-14 08:01:12 +0000`, `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`},
			{`    client = Client(api_key="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")`, `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`},
		},
		fps: []string{
			`api_org_hwurBowxxtbh`,
			`my_api_org_mBBHBAKgDdgDfXfrXhVuxoSduklvYTcDWN`,
		},
	},
	ruleCase{
		id: "replicate-api-token",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: replicate_api_token => 'r8_CQ75ljTenDnrS5R2rK538nYXqrDsL226MXv5w'`, `r8_CQ75ljTenDnrS5R2rK538nYXqrDsL226MXv5w`},
			{`2024-05-14 08:04:10,348 WARNING app.clients: retrying with credential r8_VWANGzc5PPq3JDinKDAC2XWuU6nSCd3VSUp7L after 401`, `r8_VWANGzc5PPq3JDinKDAC2XWuU6nSCd3VSUp7L`},
		},
		fps: []string{
			`r8_1CwiMnjn4NpldwmlEBc1`,
			`REPLICATE_API_TOKEN=r8_**********`,
		},
	},
	ruleCase{
		id: "groq-api-key",
		tps: []tp{
			{`2024-05-14 08:02:11.402 ERROR 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : authentication failed for key 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`, `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`},
			{`{"error":{"code":401,"message":"The credential 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 is invalid or revoked"}}`, `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`},
		},
		fps: []string{
			`gsk_XAYIJ6FyEH3ZeuMKvuSONGbup80n2w`,
			`GROQ_API_KEY=gsk_your_key_here`,
		},
	},
	ruleCase{
		id: "perplexity-api-key",
		tps: []tp{
			{`    client = Client(api_key="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")`, `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`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","perplexity_api_key":"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"}`, `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`},
		},
		fps: []string{
			`pplx-n4XyB2YMYIutQn2gmIHx`,
			`model=pplx-70b-online`,
		},
	},
	ruleCase{
		id: "xai-api-key",
		tps: []tp{
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?xai_api_key=xai-f90Evap16KI1TVj2tiU0IoDMAsL2S4aqGeqMIBp0c9539rF22jxXjbG7T53jyD54VvmruXxugup5EOcL&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `xai-f90Evap16KI1TVj2tiU0IoDMAsL2S4aqGeqMIBp0c9539rF22jxXjbG7T53jyD54VvmruXxugup5EOcL`},
			{`info: Notifier.Startup[0] Configuration XAI_API_KEY=xai-3JZugK7NIUDkF1cWJ6hSGn1EgT1PdMXC9p68fn6P9VUi5IBWagdZeusHpfYhU6sk2j4HRITInJTWsYwt loaded from environment`, `xai-3JZugK7NIUDkF1cWJ6hSGn1EgT1PdMXC9p68fn6P9VUi5IBWagdZeusHpfYhU6sk2j4HRITInJTWsYwt`},
		},
		fps: []string{
			`xai-Xg1uQwQC4TNJNyGOpOF18h6Iuq4bCw`,
			`model=xai-grok-2-latest`,
		},
	},
	ruleCase{
		id: "openrouter-api-key",
		tps: []tp{
			{`  openrouter_api_key: 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`, `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`},
			{`2024-05-14T08:03:20.1702711Z + export OPENROUTER_API_KEY=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`, `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`},
		},
		fps: []string{
			`sk-or-v1-caa3e43c8ec233c2d04cbf8c1e2fba`,
			`OPENROUTER_API_KEY=sk-or-v1-...`,
		},
	},
	ruleCase{
		id: "langsmith-api-key",
		tps: []tp{
			{`LANGSMITH_API_KEY=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`, `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`},
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?langchain_api_key=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&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `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`},
			{`LANGCHAIN_API_KEY=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`, `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`},
		},
		fps: []string{
			`lsv2_pt_8478f5d6af75e1e0c591850aa867fc24`,
			`LANGSMITH_API_KEY=lsv2_pt_...`,
		},
	},
	ruleCase{
		id: "langfuse-secret-key",
		tps: []tp{
			{`{"level":"warn","message":"config loaded","langfuse_secret_key":"sk-lf-fff15642-83cd-41a6-a1bd-88a4e8304e79","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `sk-lf-fff15642-83cd-41a6-a1bd-88a4e8304e79`},
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" langfuse_secret_key=sk-lf-24c55751-5616-c601-0f27-c64a0ba70c29 env=staging`, `sk-lf-24c55751-5616-c601-0f27-c64a0ba70c29`},
		},
		fps: []string{
			`LANGFUSE_PUBLIC_KEY=pk-lf-01a6ee2e-c5db-605a-3849-798d71b0bd59`,
			`sk-lf-239a4aa4`,
		},
	},
	ruleCase{
		id: "pinecone-api-key",
		tps: []tp{
			{`{"level":"warn","message":"config loaded","pinecone_api_key":"pcsk_QtuKdc_GjUGtIGlnYYXBjQ0xI8j11Mvemsl3rhNwwGD5piWxwxL2lZaLL9PtaNfkeLwyzo","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `pcsk_QtuKdc_GjUGtIGlnYYXBjQ0xI8j11Mvemsl3rhNwwGD5piWxwxL2lZaLL9PtaNfkeLwyzo`},
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" pinecone_api_key=pcsk_00kISD_dPRKF7HkK6eF3bxRlbNqkYlG8sGLvr6bsxktsw9O65KX7TbOvpngwX4OFmxB2L6 env=staging`, `pcsk_00kISD_dPRKF7HkK6eF3bxRlbNqkYlG8sGLvr6bsxktsw9O65KX7TbOvpngwX4OFmxB2L6`},
		},
		fps: []string{
			`pcsk_G0JFGt_85DrPy95MXCsjATuUl5J`,
			`PINECONE_API_KEY=pcsk_xxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
		},
	},
	ruleCase{
		id: "nvidia-api-key",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Fatal error:  Uncaught Exception: 401 Unauthorized for key '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' in /var/www/html/vendor/client/src/Http.php:88`, `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`},
			{`NVIDIA_API_KEY=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`, `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`},
		},
		fps: []string{
			`nvapi-jJVeqVRZcK59BfgiDwVt`,
			`NGC_API_KEY=nvapi-<key>`,
		},
	},
	ruleCase{
		id: "together-api-key",
		tps: []tp{
			{`2024-05-14T08:07:17.202719086Z stderr F   together_api_key: tgp_v1_6ZbfAWUo0Z0wk3WE6TyLdg4G49is5rjj4pCEwqh01Np`, `tgp_v1_6ZbfAWUo0Z0wk3WE6TyLdg4G49is5rjj4pCEwqh01Np`},
			{`TOGETHER_API_KEY=tgp_v1_dCEDC50_kZ0fQYP7T0KyNKFxxWZlUEEYRj2-aJiYwJW`, `tgp_v1_dCEDC50_kZ0fQYP7T0KyNKFxxWZlUEEYRj2-aJiYwJW`},
		},
		fps: []string{
			`tgp_v1_nednAI2b01`,
			`TOGETHER_API_KEY=tgp_v1_...`,
		},
	},
	ruleCase{
		id: "fireworks-api-key",
		tps: []tp{
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" fireworks_api_key=fw_2sZzAYJzdo3XTOPQ1pwjHaqr env=staging`, `fw_2sZzAYJzdo3XTOPQ1pwjHaqr`},
			{`{"level":"warn","message":"config loaded","fireworks_api_key":"fw_hwY1KztH2Kfv2BvQorPatqMe","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `fw_hwY1KztH2Kfv2BvQorPatqMe`},
			{`    llm = Fireworks(fireworks_api_key="djyVVfafhEkUovZ6HaxjLAeIUamxtWBmyx4GjijE7Ai0LkES")`, `djyVVfafhEkUovZ6HaxjLAeIUamxtWBmyx4GjijE7Ai0LkES`},
		},
		fps: []string{
			`FIREWORKS_MODEL=accounts/fireworks/models/llama-v3p1-8b-instruct`,
			`fireworks_api_key=fw_hMHPWhLopj`,
			`fw_qJhBTce4Wxu4p77P8iFen71e without a name`,
		},
	},
	ruleCase{
		id: "cohere-api-key",
		tps: []tp{
			{`    client = Client(cohere_api_key="Q2TWmpsxkdG8NiD0TggWYzyDivbbqXvV9wjyH3jw")`, `Q2TWmpsxkdG8NiD0TggWYzyDivbbqXvV9wjyH3jw`},
			{`Parameters: {"cohere_api_key"=>"nXExMR3HXBqBSJO7KfjZWblIgEgLZ6IXr2bjxkSN", "format"=>"json"}`, `nXExMR3HXBqBSJO7KfjZWblIgEgLZ6IXr2bjxkSN`},
		},
		fps: []string{
			`COHERE_MODEL=command-r-plus`,
			`sha1=yZPIN2cOMXXSHpvCyOxJymnFjYZQlj43pjOBerbp`,
		},
	},
	ruleCase{
		id: "mistral-api-key",
		tps: []tp{
			{`{"level":"warn","message":"config loaded","mistral_api_key":"S6EHJEQS85s85mJKONz564cBadkL9l6x","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `S6EHJEQS85s85mJKONz564cBadkL9l6x`},
			{`MISTRAL_API_KEY=0h7hcz0uQIV6pZQNf6nWIbiEC6CUhT9e`, `0h7hcz0uQIV6pZQNf6nWIbiEC6CUhT9e`},
		},
		fps: []string{
			`MISTRAL_MODEL=mistral-large-latest`,
			`request_id=tYLmPwdpM0FimgTo7VkQBpJzjsZbaQk4`,
		},
	},
	ruleCase{
		id: "deepseek-api-key",
		tps: []tp{
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'deepseek_api_key': 'sk-84f2b22caf718097f87a112bfa3841d4', 'timeout': 23}`, `sk-84f2b22caf718097f87a112bfa3841d4`},
			{`    client = Client(deepseek_api_key="sk-aef8b05a84577e0f547fb600f6cb1894")`, `sk-aef8b05a84577e0f547fb600f6cb1894`},
		},
		fps: []string{
			`DEEPSEEK_BASE_URL=https://api.deepseek.com`,
			`api_key=sk-ef514a676e5020bd479b04082b6218d4`,
		},
	},
	ruleCase{
		id: "elevenlabs-api-key",
		tps: []tp{
			{`Parameters: {"elevenlabs_api_key"=>"sk_a9007aecac7a056bed562fb7ef36aacc2bc73b6e8b0d9ef4", "format"=>"json"}`, `sk_a9007aecac7a056bed562fb7ef36aacc2bc73b6e8b0d9ef4`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","elevenlabs_api_key":"sk_16a631f90d009fe317eeb435fd3cce15e8ec84f86f9ff265"}`, `sk_16a631f90d009fe317eeb435fd3cce15e8ec84f86f9ff265`},
			{`+ curl -sS -H 'xi-api-key: 4128acb2a85581dcc35996d76e4f53c0' https://api.elevenlabs.io/v1/voices`, `4128acb2a85581dcc35996d76e4f53c0`},
		},
		fps: []string{
			`ELEVENLABS_VOICE_ID=1Bx9UWnKLLZjG4edRXFC`,
			`voice_hash=215b18f23b4344983b8eb6bec2c2fc47`,
		},
	},
	ruleCase{
		id: "assemblyai-api-key",
		tps: []tp{
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property assemblyai_api_key=7291d3254168b5fb16c9cf22e5d4f2f9`, `7291d3254168b5fb16c9cf22e5d4f2f9`},
			{`[14-May-2024 08:01:12 UTC] PHP Notice:  config dump in /var/www/html/config.php on line 12: assemblyai_api_key => 'a0df42e5fb05e47f48cd4a315f4d5f15'`, `a0df42e5fb05e47f48cd4a315f4d5f15`},
		},
		fps: []string{
			`ASSEMBLYAI_WEBHOOK=https://hooks.corp.internal/asr`,
			`transcript_id=23fafdd778a42097d0ab41e25dfd6485`,
		},
	},
	ruleCase{
		id: "deepgram-api-key",
		tps: []tp{
			{`Parameters: {"deepgram_api_key"=>"fb3c64083e77486e5eb11b51969d3c095868c18c", "format"=>"json"}`, `fb3c64083e77486e5eb11b51969d3c095868c18c`},
			{`{"level":"info","ts":1715673584.128634,"caller":"client/config.go:108","msg":"loaded configuration","deepgram_api_key":"39c06d531230ef3af896633c466ffa8fcbe10afe"}`, `39c06d531230ef3af896633c466ffa8fcbe10afe`},
		},
		fps: []string{
			`DEEPGRAM_MODEL=nova-2`,
			`git_sha=913573f18a5b274627ff05f54e0b90aab65b5a8d`,
		},
	},
	ruleCase{
		id: "stability-api-key",
		tps: []tp{
			{`{"log":"STABILITY_API_KEY=sk-qIWHTG57RSG7BcP4KCi0zbelNrzNUu5YJARcSNEO33QW5YRe\n","stream":"stdout","time":"2024-05-14T08:01:25.920290596Z"}`, `sk-qIWHTG57RSG7BcP4KCi0zbelNrzNUu5YJARcSNEO33QW5YRe`},
			{`2024-05-14 08:02:11.402 DEBUG 1 --- [nio-8080-exec-3] c.a.billing.ClientConfig : resolved property stability_key=sk-CTu9BYB675pYaFbRSKTrKdq0J6SUjA4MIhi6Zo4dEz0AKrGY`, `sk-CTu9BYB675pYaFbRSKTrKdq0J6SUjA4MIhi6Zo4dEz0AKrGY`},
		},
		fps: []string{
			`STABILITY_ENGINE=stable-diffusion-xl-1024-v1-0`,
			`stability_key=sk-jnMv2F8BTOgX`,
		},
	},
	ruleCase{
		id: "wandb-api-key",
		tps: []tp{
			{`2024-05-14T08:03:20.1702711Z + export WANDB_API_KEY=0c8584047a5b0b120df506f3d7b4ca01ded47201`, `0c8584047a5b0b120df506f3d7b4ca01ded47201`},
			{`ts=2024-05-14T08:03:20.170546Z caller=config.go:61 level=debug msg="config loaded" wandb_api_key=428f4bb8991607dcb120b5ce69f58e18616aded4 env=staging`, `428f4bb8991607dcb120b5ce69f58e18616aded4`},
		},
		fps: []string{
			`WANDB_RUN_ID=y7lmwnuy`,
			`commit 10a243007b896f276da6827bb4046a0830e7d0b3`,
		},
	},
	ruleCase{
		id: "jina-api-key",
		tps: []tp{
			{`[14-May-2024 08:01:12 UTC] PHP Fatal error:  Uncaught Exception: 401 Unauthorized for key 'jina_61bd5ea6037407ccda1c3093a8445ed5Oecds2JqUsnmrkb1KrCNqPTme2j1' in /var/www/html/vendor/client/src/Http.php:88`, `jina_61bd5ea6037407ccda1c3093a8445ed5Oecds2JqUsnmrkb1KrCNqPTme2j1`},
			{`JINA_API_KEY=jina_90c181633dcacbe204074bd36a502af0hP2xYS66iAoFWcN87JuaPSH7hqW4`, `jina_90c181633dcacbe204074bd36a502af0hP2xYS66iAoFWcN87JuaPSH7hqW4`},
		},
		fps: []string{
			`jina_pm9vd9uBmTol`,
			`model=jina_embeddings_v3_base_en`,
		},
	},
	ruleCase{
		id: "tavily-api-key",
		tps: []tp{
			{`2024-05-14 08:04:10,348 WARNING app.clients: retrying with credential 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 after 401`, `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`},
			{`fail: Billing.Api.Clients.UpstreamClient[0] Request to upstream failed, ApiKey=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`, `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`},
			{`TAVILY_API_KEY=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`, `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`},
		},
		fps: []string{
			`tvly-7pMR1JebmQna`,
			`TAVILY_API_KEY=tvly-YOUR_API_KEY`,
		},
	},
	ruleCase{
		id: "firecrawl-api-key",
		tps: []tp{
			{`10.42.7.19 - - [14/May/2024:08:01:28 +0000] "GET /api/v1/callback?firecrawl_api_key=fc-04815f400944ebd0667bd41c30aa3a73&state=af31 HTTP/1.1" 401 162 "-" "python-requests/2.31.0"`, `fc-04815f400944ebd0667bd41c30aa3a73`},
			{`info: Notifier.Startup[0] Configuration FIRECRAWL_API_KEY=fc-0b9f0dff962264700ce31830501e1afe loaded from environment`, `fc-0b9f0dff962264700ce31830501e1afe`},
		},
		fps: []string{
			`rfc-75f74017ccf0d670aaaf4424d5557d12`,
			`fc-8683b5edd0f9d168ff7c`,
		},
	},
	ruleCase{
		id: "serpapi-api-key",
		tps: []tp{
			{`{"level":"warn","message":"config loaded","serpapi_key":"466333082b0e7d269172acee8535024b60fb3b5aa351ce8fc4a53d93edc84745","service":"notifier","timestamp":"2024-05-14T08:00:01.219Z"}`, `466333082b0e7d269172acee8535024b60fb3b5aa351ce8fc4a53d93edc84745`},
			{`SERPAPI_API_KEY=3a3aaf2c20670e67798faabfc135f24e5ba0c82acb47e59f055f33c36e2677ae`, `3a3aaf2c20670e67798faabfc135f24e5ba0c82acb47e59f055f33c36e2677ae`},
		},
		fps: []string{
			`SERPAPI_ENGINE=google`,
			`sha256=9c3c73fa590c31e4531c8f5c3a61572eec881c03122b0ba640ca1040b70f6633`,
		},
	},
	ruleCase{
		id: "clarifai-pat",
		tps: []tp{
			{`2024-05-14T08:08:25.600769941Z stderr F 2024-05-14 08:08:25,600 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'clarifai_pat': '14716c54b1161dbe20c10973f25b0b20', 'timeout': 23}`, `14716c54b1161dbe20c10973f25b0b20`},
			{`    client = Client(clarifai_pat="40ebf8542c1c6fb97c00b90f5eb31ad0")`, `40ebf8542c1c6fb97c00b90f5eb31ad0`},
		},
		fps: []string{
			`CLARIFAI_USER_ID=corp`,
			`etag 8803884c5dbc50812edd31649311d91c`,
		},
	},
	ruleCase{
		id: "llamacloud-api-key",
		tps: []tp{
			{`+ curl -sS -X POST -H 'Authorization: Bearer llx-s6zpEosPIPNWxRU9p5WZzzybCTWGym294zuajUhL40ZTi7t4' -H 'Content-Type: application/json' https://api.internal.local/v1/jobs`, `llx-s6zpEosPIPNWxRU9p5WZzzybCTWGym294zuajUhL40ZTi7t4`},
			{`Started GET "/integrations/callback?access_token=llx-9xtCXV4Z5L1oECZZWhkKQm4Zldm1Ci1P1NIEb10GAy013Yzo" for 10.0.4.12 at 2024-05-14 08:01:12 +0000`, `llx-9xtCXV4Z5L1oECZZWhkKQm4Zldm1Ci1P1NIEb10GAy013Yzo`},
		},
		fps: []string{
			`llx-bdrhBQJZSVwILHSl2mzd`,
			`LLAMA_CLOUD_API_KEY=llx-...`,
		},
	},
)
