package builtin

import "github.com/redactd/redactd/detectors"

// HashiCorp credentials. Vault 1.10+ tokens carry a type prefix: hvs.
// (service), hvb. (batch), hvr. (recovery), followed by base64url; older
// tokens are s./b./r. and 24 characters, only taken next to a Vault name.
// Terraform Cloud/Enterprise API tokens are 14 characters, ".atlasv1." and
// about 67 more. Consul and Nomad ACL tokens are bare UUIDs, taken next to
// their environment variable or header names.
var hashicorpRules = []detectors.Rule{
	tokenRuleA("vault-service-token", "HashiCorp Vault service token", detectors.SeverityCritical,
		[]string{"hvs."}, `hvs\.[A-Za-z0-9_-]{24,}`, 512,
		"Revoke it (vault token revoke <token>, or revoke its accessor) and check the Vault audit log for its use."),
	tokenRuleA("vault-batch-token", "HashiCorp Vault batch token", detectors.SeverityHigh,
		[]string{"hvb."}, `hvb\.[A-Za-z0-9_-]{24,}`, 1024,
		"Batch tokens cannot be revoked on their own: revoke the parent token or lease and shorten the batch token TTL."),
	tokenRuleA("vault-recovery-token", "HashiCorp Vault recovery-mode token", detectors.SeverityCritical,
		[]string{"hvr."}, `hvr\.[A-Za-z0-9_-]{24,}`, 512,
		"Restart Vault out of recovery mode (the token dies with it) and generate new recovery tokens only when needed."),
	namedRuleA("vault-token-legacy", "HashiCorp Vault token (pre-1.10 format) next to a Vault setting or header name",
		detectors.SeverityCritical, []string{"VAULT_TOKEN", "X-Vault-Token"}, `[sbr]\.[A-Za-z0-9]{24}`, 26,
		"Revoke it (vault token revoke <token>) and check the Vault audit log for its use."),
	{
		ID:          "vault-unseal-key",
		Description: "HashiCorp Vault unseal or recovery key share (vault operator init output)",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"Unseal Key", "Recovery Key"},
		Regex:       `(?i:(?:unseal|recovery) key \d{1,2}:)\s{0,4}([A-Za-z0-9+/]{40,90}={0,2})(?:[^A-Za-z0-9+/=]|$)`,
		SecretGroup: 1,
		MaxLen:      120,
		Entropy:     3.5,
		Remediation: "Rekey Vault (vault operator rekey, or rekey -target=recovery) so the leaked key shares stop working, and rotate the root token.",
	},
	tokenRuleA("terraform-cloud-token", "Terraform Cloud / Enterprise API token", detectors.SeverityCritical,
		[]string{".atlasv1."}, `[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,80}`, 104,
		"Delete the token in HCP Terraform (User settings > Tokens, or the team/organization token page) and create a new one."),
	namedRuleA("hcp-client-secret", "HashiCorp Cloud Platform service principal client secret next to its setting name",
		detectors.SeverityCritical, []string{"HCP_CLIENT_SECRET"}, `[A-Za-z0-9_-]{64}`, 64,
		"Delete the service principal key in the HCP portal (Access control > Service principals > Keys) and create a new one."),
	namedRuleA("consul-acl-token", "HashiCorp Consul ACL token next to its setting or header name",
		detectors.SeverityHigh, []string{"CONSUL_HTTP_TOKEN", "X-Consul-Token", "consul_token"}, uuidA, 36,
		"Delete the token (consul acl token delete -accessor-id ...) and create a new one with the same policies."),
	namedRuleA("nomad-acl-token", "HashiCorp Nomad ACL token next to its setting or header name",
		detectors.SeverityHigh, []string{"NOMAD_TOKEN", "X-Nomad-Token"}, uuidA, 36,
		"Delete the token (nomad acl token delete <accessor>) and create a new one with the same policies."),
}
