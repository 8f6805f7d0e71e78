package builtin

var (
	ghpA1, ghpA2 = crcTokA("ghp-1", "ghp_"), crcTokA("ghp-2", "ghp_")
	ghoA1, ghoA2 = crcTokA("gho-1", "gho_"), crcTokA("gho-2", "gho_")
	ghuA1, ghuA2 = crcTokA("ghu-1", "ghu_"), crcTokA("ghu-2", "ghu_")
	ghsA1, ghsA2 = crcTokA("ghs-1", "ghs_"), crcTokA("ghs-2", "ghs_")
	ghrA1, ghrA2 = crcTokA("ghr-1", "ghr_"), crcTokA("ghr-2", "ghr_")
	ghfA1        = "github_pat_11" + fakeA("ghf-1", upAlnumA, 20) + "_" + fakeA("ghf-1b", alnumA, 59)
	ghfA2        = "github_pat_11" + fakeA("ghf-2", upAlnumA, 20) + "_" + fakeA("ghf-2b", alnumA, 59)
)

var _ = register(
	ruleCase{
		id: "github-pat",
		tps: []tp{
			tpA("2024-05-14 08:00:00 [info     ] clone ready    \x1b[36mtoken\x1b[0m=\x1b[35m{s}\x1b[0m \x1b[36mrepo\x1b[0m=\x1b[35macme/api\x1b[0m", ghpA2), // structlog console colours
			tpA(`2024-05-14 07:58:03,120 INFO git.clone: cloning https://x-access-token:{s}@github.com/acme/api.git`, ghpA1),
			tpA(`{"level":"debug","ts":1715673489.1,"caller":"gh/client.go:88","msg":"auth","token":"{s}"}`, ghpA2),
			tpA(`Run actions/checkout@v4 env: GITHUB_TOKEN={s} GH_REPO=acme/api`, ghpA1),
		},
		fps: []string{
			`token=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx (placeholder)`,
			fpA(`GITHUB_TOKEN={s}`, badCRCA(ghpA1)),
			fpA(`export GITHUB_TOKEN={s}`, ghpA2+"Z"),
		},
	},
	ruleCase{
		id: "github-oauth-token",
		tps: []tp{
			tpA(`+ curl -sS -H 'Authorization: Bearer {s}' https://api.github.com/user`, ghoA1),
			tpA(`10.1.4.7 - - [14/May/2024:08:01:22 +0000] "GET /oauth/callback?access_token={s}&scope=repo HTTP/1.1" 302 0 "-" "Mozilla/5.0"`, ghoA2),
		},
		fps: []string{fpA(`access_token={s}`, badCRCA(ghoA1)), `gho_ is the prefix of GitHub OAuth tokens`},
	},
	ruleCase{
		id: "github-user-to-server-token",
		tps: []tp{
			tpA(`{"log":"2024-05-14 08:00:45,215 - app.tasks - WARNING - Rotated key -\u003e {s}\n","stream":"stderr"}`, ghuA1),
			tpA(`time="2024-05-14T08:02:11Z" level=info msg="app token issued" token={s} installation=4411`, ghuA2),
		},
		fps: []string{fpA(`token={s}`, badCRCA(ghuA2))},
	},
	ruleCase{
		id: "github-app-installation-token",
		tps: []tp{
			tpA(`+ git remote set-url origin https://x-access-token:{s}@github.com/acme/infra.git`, ghsA1),
			tpA(`2024-05-14T08:05:39.062Z	INFO	ghapp/install.go:61	installation token	{"token": "{s}", "expires_at": "2024-05-14T09:05:39Z"}`, ghsA2),
		},
		fps: []string{fpA(`"token": "{s}"`, badCRCA(ghsA1)), `ghs_` + "0000000000000000000000000000000000000"},
	},
	ruleCase{
		id: "github-refresh-token",
		tps: []tp{
			tpA(`[2024-05-14 08:09:01,455] DEBUG oauth: refresh_token={s} expires_in=15811200`, ghrA1),
			tpA(`{"refresh_token":"{s}","refresh_token_expires_in":15897600,"token_type":"bearer"}`, ghrA2),
		},
		fps: []string{fpA(`refresh_token={s}`, badCRCA(ghrA1))},
	},
	ruleCase{
		id: "github-fine-grained-pat",
		tps: []tp{
			tpA(`2024-05-14 07:59:18,850 [INFO] app.api.orders: Invalid token {s} rejected by upstream (401)`, ghfA1),
			tpA(`ts=2024-05-14T08:05:13.190Z caller=sync.go:290 level=error msg="client configured" gh_pat={s} env=prod`, ghfA2),
		},
		fps: []string{
			`GH_PAT=github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
			fpA(`GH_PAT={s}`, ghfA1[:80]),
		},
	},
)

var ghLegacyA = fakeA("gh-legacy", hexA, 40)

var _ = register(ruleCase{
	id: "github-token-legacy",
	tps: []tp{
		tpA(`export HOMEBREW_GITHUB_API_TOKEN={s}`, ghLegacyA),
		tpA(`{"level":"debug","msg":"env","GITHUB_TOKEN":"{s}"}`, ghLegacyA),
	},
	fps: []string{fpA(`GITHUB_SHA={s}`, ghLegacyA), `GITHUB_TOKEN: ***`},
})
