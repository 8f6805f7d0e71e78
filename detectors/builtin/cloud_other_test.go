package builtin

var (
	ltaiA        = "LTAI5t" + fakeA("ltai-1", alnumA, 18)
	aliSecretA   = fakeA("ali-secret", alnumA, 30)
	akidA        = "AKID" + fakeA("akid-1", alnumA, 32)
	tencentKeyA  = fakeA("tencent-key", alnumA, 32)
	aqvnA        = "AQVN" + fakeA("aqvn-1", b64urlA, 36)
	ycIAMA       = "t1.9euelZ" + fakeA("yc-iam-1", b64urlA, 120) + "." + fakeA("yc-iam-2", b64urlA, 86)
	ibmKeyA      = fakeA("ibm-1", b64urlA, 44)
	cfTokenA     = fakeA("cf-token", b64urlA, 40)
	cfGlobalA    = fakeA("cf-global", hexA, 37)
	cfOriginA    = "v1.0-" + fakeA("cf-origin-1", hexA, 24) + "-" + fakeA("cf-origin-2", hexA, 146)
	cfTunnelA    = "eyJhIjoi" + fakeA("cf-tunnel", alnumA, 180) + "In0="
	dapiA1       = "dapi" + fakeA("dapi-1", hexA, 32)
	dapiA2       = "dapi" + fakeA("dapi-2", hexA, 32) + "-2"
	doseA        = "dose" + fakeA("dose-1", hexA, 32)
	oktaA        = "00" + fakeA("okta-1", b64urlA, 40)
	ageA1, ageA2 = "AGE-SECRET-KEY-1" + fakeA("age-1", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58), "AGE-SECRET-KEY-1" + fakeA("age-2", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)
	akabA        = "akab-" + fakeA("akab-1", lowAlnA, 16) + "-" + fakeA("akab-2", lowAlnA, 16)
	b2KeyA       = "K005" + fakeA("b2-1", b64A, 27)
	kubeadmA     = fakeA("kubeadm-1", lowAlnA, 6) + "." + fakeA("kubeadm-2", lowAlnA, 16)
	rancherA     = "token-" + fakeA("rancher-1", lowAlnA, 5) + ":" + fakeA("rancher-2", lowAlnA, 54)
	ptrA         = "ptr_" + fakeA("ptr-1", b64A, 43) + "="
	ocTokA       = "sha256~" + fakeA("oc-1", b64urlA, 43)
	exoA         = "EXO" + fakeA("exo-1", hexA, 24)
)

var _ = register(
	ruleCase{
		id: "alibaba-access-key-id",
		tps: []tp{
			tpA(`ALIBABA_CLOUD_ACCESS_KEY_ID={s}`, ltaiA),
			tpA(`2024-05-14 08:00:05.120 INFO [main] c.a.oss.OSSClient - endpoint=oss-cn-hangzhou.aliyuncs.com accessKeyId={s}`, ltaiA),
		},
		fps: []string{`LTAI_short`, `SALTAIR`},
	},
	ruleCase{
		id: "alibaba-access-key-secret",
		tps: []tp{
			tpA(`ALIBABA_CLOUD_ACCESS_KEY_SECRET={s}`, aliSecretA),
			tpA(`{"AccessKeyId":"`+ltaiA+`","AccessKeySecret":"{s}"}`, aliSecretA),
		},
		fps: []string{`AccessKeySecret: ******`},
	},
	ruleCase{
		id: "tencent-secret-id",
		tps: []tp{
			tpA(`TENCENTCLOUD_SECRET_ID={s}`, akidA),
			tpA(`[2024-05-14 08:00:00] tccli: using SecretId {s} region ap-guangzhou`, akidA),
		},
		fps: []string{`AKIDshort`},
	},
	ruleCase{
		id: "tencent-secret-key",
		tps: []tp{
			tpA(`TENCENTCLOUD_SECRET_KEY={s}`, tencentKeyA),
			tpA(`  tencentcloud_secret_key: "{s}"`, tencentKeyA),
		},
		fps: []string{`TENCENTCLOUD_SECRET_KEY=`},
	},
	ruleCase{
		id: "yandex-api-key",
		tps: []tp{
			tpA(`+ curl -H "Authorization: Api-Key {s}" https://llm.api.cloud.yandex.net/foundationModels/v1/completion`, aqvnA),
			tpA(`YC_API_KEY={s}`, aqvnA),
		},
		fps: []string{`AQVNshort`},
	},
	ruleCase{
		id: "yandex-iam-token",
		tps: []tp{
			tpA(`Authorization: Bearer {s}`, ycIAMA),
			tpA(`YC_TOKEN={s}`, ycIAMA),
		},
		fps: []string{`t1.9eu`},
	},
	ruleCase{
		id: "cloudflare-api-token",
		tps: []tp{
			tpA(`CLOUDFLARE_API_TOKEN={s}`, cfTokenA),
			tpA(`  + cloudflare_api_token = "{s}"`, cfTokenA),
		},
		fps: []string{`CLOUDFLARE_API_TOKEN=${CF_TOKEN}`},
	},
	ruleCase{
		id: "cloudflare-global-api-key",
		tps: []tp{
			tpA(`+ curl -H "X-Auth-Email: ops@acme.test" -H "X-Auth-Key: {s}" https://api.cloudflare.com/client/v4/zones`, cfGlobalA),
			tpA(`CLOUDFLARE_API_KEY={s}`, cfGlobalA),
		},
		fps: []string{fpA(`X-Auth-Key: {s}`, cfGlobalA[:32])},
	},
	ruleCase{
		id: "cloudflare-origin-ca-key",
		tps: []tp{
			tpA(`CF_ORIGIN_CA_KEY={s}`, cfOriginA),
			tpA(`X-Auth-User-Service-Key: {s}`, cfOriginA),
		},
		fps: []string{`api version v1.0-beta`},
	},
	ruleCase{
		id: "cloudflare-tunnel-token",
		tps: []tp{
			tpA(`+ cloudflared tunnel --no-autoupdate run --token {s}`, cfTunnelA),
			tpA(`TUNNEL_TOKEN={s}`, cfTunnelA),
		},
		fps: []string{`eyJhIjoiYiJ9`},
	},
	ruleCase{
		id: "databricks-token",
		tps: []tp{
			tpA(`DATABRICKS_TOKEN={s}`, dapiA1),
			tpA(`+ curl -H "Authorization: Bearer {s}" https://adb-1234.5.azuredatabricks.net/api/2.0/clusters/list`, dapiA2),
		},
		fps: []string{`dapi_version=2`, fpA(`token={s}`, "dapi"+fakeA("dapi-fp", upHexA, 32))},
	},
	ruleCase{
		id: "databricks-oauth-secret",
		tps: []tp{
			tpA(`DATABRICKS_CLIENT_SECRET={s}`, doseA),
			tpA(`{"client_id":"abc","client_secret":"{s}"}`, doseA),
		},
		fps: []string{`dose=5mg`},
	},
	ruleCase{
		id: "okta-api-token",
		tps: []tp{
			tpA(`+ curl -H "Authorization: SSWS {s}" https://acme.okta.com/api/v1/users?limit=25`, oktaA),
			tpA(`OKTA_API_TOKEN={s}`, oktaA),
		},
		fps: []string{`Authorization: SSWS ${OKTA_API_TOKEN}`},
	},
	ruleCase{
		id: "age-secret-key",
		tps: []tp{
			tpA(`2024-05-14T08:08:07.192184799Z stdout F export SOPS_AGE_KEY={s}`, ageA1),
			tpA(`WARNING:app.tasks:Retrying request with credential {s}`, ageA2),
		},
		fps: []string{`# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p`, fpA(`SOPS_AGE_KEY={s}`, "AGE-SECRET-KEY-1"+fakeA("age-bad", "BIO", 58))},
	},
	ruleCase{
		id: "akamai-edgegrid-token",
		tps: []tp{
			tpA(`client_token = {s}`, akabA),
			tpA(`{"level":"debug","msg":"edgegrid","access_token":"{s}"}`, akabA),
		},
		fps: []string{`akab-xxxxxxxx`},
	},
	ruleCase{
		id: "backblaze-application-key",
		tps: []tp{
			tpA(`B2_APPLICATION_KEY={s}`, b2KeyA),
			tpA(`  b2_application_key: "{s}"`, b2KeyA),
		},
		fps: []string{`B2_APPLICATION_KEY_ID=005abc`},
	},
	ruleCase{
		id: "kubernetes-bootstrap-token",
		tps: []tp{
			tpA(`+ kubeadm join 10.0.0.10:6443 --token {s} --discovery-token-ca-cert-hash sha256:`+fakeA("kubeadm-hash", hexA, 64), kubeadmA),
			tpA(`TASK [join] changed: [node2] => {"cmd": "kubeadm join 10.0.0.10:6443 --token={s}"}`, kubeadmA),
		},
		fps: []string{`kubeadm join --token abcdef.0123456789abcdef`, `--token $(cat /run/token)`},
	},
	ruleCase{
		id: "rancher-api-token",
		tps: []tp{
			tpA(`CATTLE_TOKEN={s}`, rancherA),
			tpA(`    token: {s}`, rancherA),
		},
		fps: []string{`token-refresh: ok`},
	},
	ruleCase{
		id: "portainer-access-token",
		tps: []tp{
			tpA(`+ curl -H "X-API-Key: {s}" https://portainer.acme.internal/api/endpoints`, ptrA),
			tpA(`PORTAINER_TOKEN={s}`, ptrA),
		},
		fps: []string{`ptr_size=8`},
	},
	ruleCase{
		id: "openshift-oauth-token",
		tps: []tp{
			tpA(`+ oc login --token={s} --server=https://api.ocp.acme.internal:6443`, ocTokA),
			tpA(`Authorization: Bearer {s}`, ocTokA),
		},
		fps: []string{`image@sha256:` + fakeA("oc-fp", hexA, 64)},
	},
	ruleCase{
		id: "exoscale-api-key",
		tps: []tp{
			tpA(`EXOSCALE_API_KEY={s}`, exoA),
			tpA(`+ exo config add --key {s}`, exoA),
		},
		fps: []string{`EXOSCALE_ZONE=ch-gva-2`},
	},
)

var _ = register(ruleCase{
	id: "ibm-cloud-api-key",
	tps: []tp{
		tpA(`IBMCLOUD_API_KEY={s}`, ibmKeyA),
		tpA(`TF_VAR_ibmcloud_api_key={s} IC_API_KEY={s} terraform plan`, ibmKeyA),
	},
	fps: []string{fpA(`ANTHROPIC_API_KEY={s}`, ibmKeyA), fpA(`NEW_RELIC_API_KEY={s}`, ibmKeyA)},
})
