package builtin

import "strings"

// uuidFakeA returns a fake version-4 UUID.
func uuidFakeA(seed string) string {
	return fakeA(seed+"a", hexA, 8) + "-" + fakeA(seed+"b", hexA, 4) + "-4" + fakeA(seed+"c", hexA, 3) + "-9" + fakeA(seed+"d", hexA, 3) + "-" + fakeA(seed+"e", hexA, 12)
}

var (
	dopA1, dopA2 = "dop_v1_" + fakeA("dop-1", hexA, 64), "dop_v1_" + fakeA("dop-2", hexA, 64)
	dooA         = "doo_v1_" + fakeA("doo-1", hexA, 64)
	dorA         = "dor_v1_" + fakeA("dor-1", hexA, 64)
	do00A        = "DO00" + fakeA("do00-1", upAlnumA, 16)
	hrkuA1       = "HRKU-AA" + fakeA("hrku-1", b64urlA, 58)
	hrkuA2       = "HRKU-AA" + fakeA("hrku-2", b64urlA, 58)
	herokuUUIDA  = uuidFakeA("heroku-1")
	flyA         = "FlyV1 fm2_" + fakeA("fly-1", b64A, 300) + ",fm2_" + fakeA("fly-2", b64A, 120)
	flyA2        = "fm1r_" + fakeA("fly-3", b64A, 200)
	fo1A         = "fo1_" + fakeA("fo1-1", b64urlA, 43)
	vcpA         = "vcp_" + fakeA("vcp-1", alnumA, 40)
	vckA         = "vck_" + fakeA("vck-1", alnumA, 40)
	vercelOldA   = fakeA("vercel-old", alnumA, 24)
	nfpA         = "nfp_" + fakeA("nfp-1", alnumA, 36)
	rndA         = "rnd_" + fakeA("rnd-1", alnumA, 32)
	railwayA     = uuidFakeA("railway-1")
	sbpA         = "sbp_" + fakeA("sbp-1", hexA, 40)
	sbSecretA    = "sb_secret_" + fakeA("sbsec-1", b64urlA, 31)
	pscaleTknA   = "pscale_tkn_" + fakeA("pscale-1", b64urlA, 43)
	pscalePwA    = "pscale_pw_" + fakeA("pscale-2", b64urlA, 43)
	scwA         = "SCW" + fakeA("scw-1", upAlnumA, 17)
	scwSecretA   = uuidFakeA("scw-2")
	linodeA      = fakeA("linode-1", hexA, 64)
	hcloudA      = fakeA("hcloud-1", alnumA, 64)
	vultrA       = fakeA("vultr-1", upAlnumA, 36)
	ovhA         = fakeA("ovh-1", alnumA, 32)
	ddpA         = "ddp_" + fakeA("ddp-1", alnumA, 36)
	fastlyA      = fakeA("fastly-1", b64urlA, 32)
	napiA        = "napi_" + fakeA("napi-1", lowAlnA, 64)
)

var _ = register(
	ruleCase{
		id: "digitalocean-pat",
		tps: []tp{
			tpA(`declare -x DIGITALOCEAN_TOKEN="{s}"`, dopA1),
			tpA(`[2024-05-14 08:06:52,173] WARNING in models: client = Client('{s}') initialised`, dopA2),
			tpA(`+ doctl auth init --access-token {s}`, dopA1),
		},
		fps: []string{fpA(`DIGITALOCEAN_TOKEN={s}`, dopA1[:50]), `DIGITALOCEAN_TOKEN=dop_v1_` + strings.Repeat("X", 64), `DIGITALOCEAN_TOKEN=dop_v1_` + strings.Repeat("0", 64)},
	},
	ruleCase{
		id: "digitalocean-oauth-token",
		tps: []tp{
			tpA(`{"access_token":"{s}","token_type":"bearer","expires_in":2592000}`, dooA),
			tpA(`2024-05-14T08:00:03Z INFO oauth: exchanged code access_token={s}`, dooA),
		},
		fps: []string{`doo_v1_ is the OAuth prefix`},
	},
	ruleCase{
		id: "digitalocean-refresh-token",
		tps: []tp{
			tpA(`{"access_token":"`+dooA+`","refresh_token":"{s}"}`, dorA),
			tpA(`refresh_token={s}`, dorA),
		},
		fps: []string{fpA(`refresh_token={s}`, dorA+"00")},
	},
	ruleCase{
		id: "digitalocean-spaces-access-key",
		tps: []tp{
			tpA(`+ s3cmd --access_key={s} --host=nyc3.digitaloceanspaces.com ls`, do00A),
			tpA(`SPACES_ACCESS_KEY_ID={s}`, do00A),
		},
		fps: []string{`region DO00 not found`},
	},
	ruleCase{
		id: "heroku-api-key-v2",
		tps: []tp{
			tpA(`[2024-05-14 08:03:02,397: WARNING/ForkPoolWorker-3] Retrying request with credential {s}`, hrkuA1),
			tpA(`INFO 2024-05-14 08:07:08,893 cache 8 139880287691155 Loaded settings: DEBUG=False, HEROKU_API_KEY="{s}", TIMEZONE='UTC'`, hrkuA2),
		},
		fps: []string{`HEROKU_API_KEY=HRKU-xxxxxxxx`},
	},
	ruleCase{
		id: "heroku-api-key",
		tps: []tp{
			tpA(`HEROKU_API_KEY={s}`, herokuUUIDA),
			tpA(`2024-05-14 08:04:23,611 - httpx - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'heroku_api_key': '{s}', 'timeout': 29}`, herokuUUIDA),
		},
		fps: []string{fpA(`request_id={s} dyno=web.1`, herokuUUIDA), `HEROKU_API_KEY=`},
	},
	ruleCase{
		id: "flyio-macaroon-token",
		tps: []tp{
			tpA(`+ flyctl deploy --access-token "{s}" --remote-only`, flyA),
			tpA(`FLY_API_TOKEN={s}`, flyA2),
		},
		fps: []string{`FLY_API_TOKEN=fm2_short`},
	},
	ruleCase{
		id: "flyio-oauth-token",
		tps: []tp{
			tpA(`{"level":"debug","msg":"fly auth","access_token":"{s}"}`, fo1A),
			tpA(`FLY_ACCESS_TOKEN={s}`, fo1A),
		},
		fps: []string{`fo1_abc`},
	},
	ruleCase{
		id: "vercel-token",
		tps: []tp{
			tpA(`+ vercel deploy --prod --token {s}`, vcpA),
			tpA(`{"level":"info","msg":"vercel api","authorization":"Bearer {s}"}`, vckA),
		},
		fps: []string{`vcp_short`, `rpc_vcp_` + strings.Repeat("a", 30) + `_tail`},
	},
	ruleCase{
		id: "vercel-token-legacy",
		tps: []tp{
			tpA(`VERCEL_TOKEN={s}`, vercelOldA),
			tpA(`  env: {"VERCEL_TOKEN": "{s}", "VERCEL_ORG_ID": "team_abc"}`, vercelOldA),
		},
		fps: []string{`VERCEL_TOKEN=${{ secrets.VERCEL_TOKEN }}`},
	},
	ruleCase{
		id: "netlify-token",
		tps: []tp{
			tpA(`+ netlify deploy --prod --auth {s}`, nfpA),
			tpA(`NETLIFY_AUTH_TOKEN={s}`, nfpA),
		},
		fps: []string{fpA(`NETLIFY_AUTH_TOKEN={s}`, nfpA[:20])},
	},
	ruleCase{
		id: "render-api-key",
		tps: []tp{
			tpA(`+ curl -H "Authorization: Bearer {s}" https://api.render.com/v1/services`, rndA),
			tpA(`RENDER_API_KEY={s}`, rndA),
		},
		fps: []string{`rnd_seed=42`},
	},
	ruleCase{
		id: "railway-token",
		tps: []tp{
			tpA(`RAILWAY_TOKEN={s}`, railwayA),
			tpA(`{"RAILWAY_API_TOKEN": "{s}", "service": "web"}`, railwayA),
		},
		fps: []string{fpA(`railway deployment {s} succeeded`, railwayA)},
	},
	ruleCase{
		id: "supabase-pat",
		tps: []tp{
			tpA(`+ supabase link --project-ref abcd --password x SUPABASE_ACCESS_TOKEN={s}`, sbpA),
			tpA(`{"level":"error","msg":"management api 401","token":"{s}"}`, sbpA),
		},
		fps: []string{fpA(`SUPABASE_ACCESS_TOKEN={s}`, sbpA[:30])},
	},
	ruleCase{
		id: "supabase-secret-key",
		tps: []tp{
			tpA(`SUPABASE_SECRET_KEY={s}`, sbSecretA),
			tpA(`2024-05-14 08:04:10,221 DEBUG supabase: createClient(url, '{s}')`, sbSecretA),
		},
		fps: []string{`sb_publishable_` + fakeA("sbpub", b64urlA, 31)},
	},
	ruleCase{
		id: "planetscale-token",
		tps: []tp{
			tpA(`PLANETSCALE_SERVICE_TOKEN={s}`, pscaleTknA),
			tpA(`+ pscale deploy-request create acme main --service-token {s}`, pscaleTknA),
		},
		fps: []string{`pscale_tkn_short`},
	},
	ruleCase{
		id: "planetscale-password",
		tps: []tp{
			tpA(`DATABASE_URL=mysql://u7x2k:{s}@aws.connect.psdb.cloud/acme?sslaccept=strict`, pscalePwA),
			tpA(`{"username":"u7x2k","password":"{s}"}`, pscalePwA),
		},
		fps: []string{`pscale_pw_<password>`},
	},
	ruleCase{
		id: "scaleway-access-key",
		tps: []tp{
			tpA(`SCW_ACCESS_KEY={s}`, scwA),
			tpA(`time="2024-05-14T08:01:00Z" level=info msg="scaleway client" access_key={s}`, scwA),
		},
		fps: []string{`SCW_DEFAULT_REGION=fr-par`, `SCWXXXXXXXXXXXXXXXXX` + "1"},
	},
	ruleCase{
		id: "scaleway-secret-key",
		tps: []tp{
			tpA(`SCW_SECRET_KEY={s}`, scwSecretA),
			tpA(`  scaleway_secret_key: "{s}"`, scwSecretA),
		},
		fps: []string{fpA(`instance {s} started`, scwSecretA)},
	},
	ruleCase{
		id: "linode-token",
		tps: []tp{
			tpA(`LINODE_TOKEN={s}`, linodeA),
			tpA(`TASK [linode.cloud.instance] => {"linode_token": "{s}"}`, linodeA),
		},
		fps: []string{fpA(`commit {s}`, linodeA)},
	},
	ruleCase{
		id: "hetzner-cloud-token",
		tps: []tp{
			tpA(`export HCLOUD_TOKEN={s}`, hcloudA),
			tpA(`  hcloud_token = "{s}"`, hcloudA),
		},
		fps: []string{`HCLOUD_TOKEN=$HCLOUD_TOKEN`},
	},
	ruleCase{
		id: "vultr-api-key",
		tps: []tp{
			tpA(`VULTR_API_KEY={s}`, vultrA),
			tpA(`{"vultr_api_key":"{s}"}`, vultrA),
		},
		fps: []string{`VULTR_API_KEY=<key>`},
	},
	ruleCase{
		id: "ovh-application-secret",
		tps: []tp{
			tpA(`OVH_APPLICATION_SECRET={s}`, ovhA),
			tpA(`ovh_consumer_key: {s}`, ovhA),
		},
		fps: []string{`OVH_ENDPOINT=ovh-eu`},
	},
	ruleCase{
		id: "deno-deploy-token",
		tps: []tp{
			tpA(`+ deployctl deploy --project=acme --token={s} main.ts`, ddpA),
			tpA(`DENO_DEPLOY_TOKEN={s}`, ddpA),
		},
		fps: []string{`add_ddp_support=true`},
	},
	ruleCase{
		id: "fastly-api-token",
		tps: []tp{
			tpA(`+ curl -X POST -H "Fastly-Key: {s}" https://api.fastly.com/service/SU1Z0isxPaozGVKXdv0eY/purge_all`, fastlyA),
			tpA(`FASTLY_API_TOKEN={s}`, fastlyA),
		},
		fps: []string{`Fastly-Key: ${FASTLY_API_TOKEN}`},
	},
	ruleCase{
		id: "neon-api-key",
		tps: []tp{
			tpA(`NEON_API_KEY={s}`, napiA),
			tpA(`+ curl -H "Authorization: Bearer {s}" https://console.neon.tech/api/v2/projects`, napiA),
		},
		fps: []string{`napi_version=9`},
	},
)
