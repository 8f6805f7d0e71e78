package builtin

var (
	hvsA1        = "hvs.CAESI" + fakeA("hvs-1", b64urlA, 42) + "Gh4KHGh2cy5" + fakeA("hvs-1b", alnumA, 32)
	hvsA2        = "hvs." + fakeA("hvs-2", b64urlA, 24)
	hvbA         = "hvb.AAAAAQ" + fakeA("hvb-1", b64urlA, 130)
	hvrA         = "hvr." + fakeA("hvr-1", b64urlA, 24)
	vaultOldA    = "s." + fakeA("vault-old", alnumA, 24)
	unsealA1     = fakeA("unseal-1", b64A, 44)
	unsealA2     = fakeA("unseal-2", b64A, 44)
	atlasA1      = fakeA("atlas-1", alnumA, 14) + ".atlasv1." + fakeA("atlas-1b", alnumA, 67)
	atlasA2      = fakeA("atlas-2", alnumA, 14) + ".atlasv1." + fakeA("atlas-2b", b64urlA, 67)
	hcpSecretA   = fakeA("hcp-1", b64urlA, 64)
	consulTokA   = uuidFakeA("consul-1")
	nomadTokA    = uuidFakeA("nomad-1")
	vaultAccessA = fakeA("accessor", alnumA, 24)
)

var _ = register(
	ruleCase{
		id: "vault-service-token",
		tps: []tp{
			tpA(`2024-05-14 08:08:45,315 [DEBUG] notifications.email: os.environ = environ({'TZ': 'UTC', 'VAULT_TOKEN': '{s}'})`, hvsA1),
			tpA(`+ curl -H "X-Vault-Token: {s}" https://vault.acme.internal:8200/v1/secret/data/app`, hvsA2),
			tpA(`Key                  Value\ntoken                {s}`, hvsA1),
		},
		fps: []string{`VAULT_TOKEN=hvs.xxxxx`, `VAULT_TOKEN=hvs.EXAMPLEEXAMPLEEXAMPLEEXAMPLE`, fpA(`token_accessor {s}`, vaultAccessA)},
	},
	ruleCase{
		id: "vault-batch-token",
		tps: []tp{
			tpA(`{"auth":{"client_token":"{s}","accessor":"","policies":["default"],"token_type":"batch"}}`, hvbA),
			tpA(`2024-05-14T08:09:00.123Z [INFO]  agent: using batch token {s}`, hvbA),
		},
		fps: []string{`hvb.short`},
	},
	ruleCase{
		id: "vault-recovery-token",
		tps: []tp{
			tpA(`$ vault operator generate-root -generate-otp -recovery-token  # token {s}`, hvrA),
			tpA(`VAULT_TOKEN={s} vault list sys/raw/sys/token/id`, hvrA),
		},
		fps: []string{`hvr.`},
	},
	ruleCase{
		id: "vault-token-legacy",
		tps: []tp{
			tpA(`export VAULT_TOKEN={s}`, vaultOldA),
			tpA(`X-Vault-Token: {s}`, vaultOldA),
		},
		fps: []string{`VAULT_TOKEN=s.short`, fpA(`lease_id={s}`, vaultOldA)},
	},
	ruleCase{
		id: "vault-unseal-key",
		tps: []tp{
			tpA(`Unseal Key 1: {s}`, unsealA1),
			tpA(`[init] Recovery Key 3: {s}`, unsealA2),
		},
		fps: []string{`Unseal Key 1: <redacted>`, `Unseal Progress    1/3`},
	},
	ruleCase{
		id: "terraform-cloud-token",
		tps: []tp{
			tpA(`TF_TOKEN_app_terraform_io={s}`, atlasA1),
			tpA(`2024-05-14T08:02:44.118Z [DEBUG] remote backend: credentials {"token": "{s}"}`, atlasA2),
		},
		fps: []string{`token = "xxxxxxxxxxxxxx.atlasv1.xxxx"`},
	},
	ruleCase{
		id: "hcp-client-secret",
		tps: []tp{
			tpA(`HCP_CLIENT_SECRET={s}`, hcpSecretA),
			tpA(`  hcp_client_secret = "{s}"`, hcpSecretA),
		},
		fps: []string{`HCP_CLIENT_SECRET=${HCP_CLIENT_SECRET}`},
	},
	ruleCase{
		id: "consul-acl-token",
		tps: []tp{
			tpA(`CONSUL_HTTP_TOKEN={s}`, consulTokA),
			tpA(`+ curl --header "X-Consul-Token: {s}" http://127.0.0.1:8500/v1/kv/app`, consulTokA),
		},
		fps: []string{fpA(`AccessorID: {s}`, consulTokA)},
	},
	ruleCase{
		id: "nomad-acl-token",
		tps: []tp{
			tpA(`export NOMAD_TOKEN={s}`, nomadTokA),
			tpA(`X-Nomad-Token: {s}`, nomadTokA),
		},
		fps: []string{fpA(`alloc {s} started`, nomadTokA)},
	},
)
