package builtin

import (
	"unicode/utf8"

	"github.com/redactd/redactd/detectors"
)

// Azure credentials. Storage and Cosmos DB account keys are 64 bytes, 88
// base64 characters, found as AccountKey= in connection strings; Service Bus,
// Event Hubs and IoT Hub keys are 32 bytes as SharedAccessKey=; SAS URLs carry
// an HMAC-SHA256 as sig=. Entra ID (Azure AD) client secrets created since
// 2021 are 40 characters with "Q~" after a 3-character id and a digit.
// Identifiable keys carry a fixed signature at a fixed offset: "AZDO" in
// 84-character Azure DevOps PATs, "+ACR" in container registry passwords.
const azureStorageRevoke = "Rotate the key (Storage account > Security + networking > Access keys > Rotate key, or az storage account keys renew) after moving clients to the other key; prefer Entra ID auth."

var azureRules = []detectors.Rule{
	{
		ID:          "azure-storage-account-key",
		Description: "Azure Storage or Cosmos DB account key in a connection string or next to its setting name",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"AccountKey=", "AZURE_STORAGE_KEY", "AZURE_STORAGE_ACCOUNT_KEY", "AZURE_STORAGE_ACCESS_KEY", "storage_account_key", "storageAccountKey"},
		Regex:       `(?:AccountKey=|` + nameLeadA + `(?i:azure_storage_key|azure_storage_account_key|azure_storage_access_key|storage_account_key|storageaccountkey)` + sepA + `)([A-Za-z0-9+/]{86}==)(?:[^A-Za-z0-9+/=]|$)`,
		SecretGroup: 1,
		MaxLen:      190,
		Entropy:     4,
		Context:     detectors.ContextAssignment,
		Remediation: azureStorageRevoke,
	},
	{
		ID:          "azure-shared-access-key",
		Description: "Azure Service Bus, Event Hubs or IoT Hub shared access key in a connection string",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"SharedAccessKey="},
		Regex:       `SharedAccessKey=([A-Za-z0-9+/]{43}=)(?:[^A-Za-z0-9+/=]|$)`,
		SecretGroup: 1,
		MaxLen:      64,
		Entropy:     3.5,
		Context:     detectors.ContextAssignment,
		Remediation: "Regenerate the key of the shared access policy (Shared access policies > Regenerate primary/secondary key) after moving clients to the other key.",
	},
	{
		ID:          "azure-sas-signature",
		Description: "Azure shared access signature (sig= of a SAS URL or token)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"sig="},
		// 32-byte HMAC in base64, raw or percent-encoded.
		Regex:       `[?&;]sig=((?:[A-Za-z0-9+/]|%2[BbFf]){43}(?:=|%3[Dd]))(?:[^A-Za-z0-9+/=%]|$)`,
		SecretGroup: 1,
		MaxLen:      150,
		Entropy:     3.5,
		Context:     detectors.ContextQuery,
		Remediation: "Rotate the account key that signed the SAS (or revoke the user delegation key / stored access policy); issue short-lived SAS tokens instead.",
	},
	{
		ID:          "azure-ad-client-secret",
		Description: "Microsoft Entra ID (Azure AD) application client secret",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"0Q~", "1Q~", "2Q~", "3Q~", "4Q~", "5Q~", "6Q~", "7Q~", "8Q~", "9Q~"},
		// A '.' may end a sentence right after the secret.
		Regex:       `(?:^|[^A-Za-z0-9_~.-]|` + ansiA + `)([A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{34})(?:[^A-Za-z0-9_~.-]|\.(?:[\s"'<>)\]]|$)|$)`,
		SecretGroup: 1,
		MaxLen:      ansiMaxA + 40 + 2*utf8.UTFMax,
		Entropy:     3.5,
		Remediation: "Delete the secret in Entra ID (App registrations > Certificates & secrets), add a new one, and review the sign-in logs of the service principal.",
	},
	{
		ID:          "azure-devops-pat",
		Description: "Azure DevOps personal access token (84-character identifiable format)",
		Severity:    detectors.SeverityCritical,
		Keywords:    []string{"AZDO"},
		Regex:       leadWordA + `([A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})\b`,
		SecretGroup: 1,
		MaxLen:      ansiMaxA + 84,
		Validate:    validAzureDevOpsPAT,
		Remediation: "Revoke the PAT in Azure DevOps (User settings > Personal access tokens, or an admin via the PAT lifecycle API) and create a new one.",
	},
	namedRuleA("azure-devops-pat-legacy", "Azure DevOps personal access token (52-character legacy format) next to its name",
		detectors.SeverityCritical,
		[]string{"AZURE_DEVOPS_PAT", "AZURE_DEVOPS_EXT_PAT", "azure_devops_token", "ADO_PAT", "AZDO_PERSONAL_ACCESS_TOKEN"},
		`[a-z2-7]{52}`, 52,
		"Revoke the PAT in Azure DevOps (User settings > Personal access tokens) and create a new, short-lived one."),
	{
		ID:          "azure-container-registry-password",
		Description: "Azure Container Registry admin or token password (identifiable +ACR format)",
		Severity:    detectors.SeverityHigh,
		Keywords:    []string{"+ACR"},
		Regex:       `(?:^|[^A-Za-z0-9+/])([A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9+/]{6})(?:[^A-Za-z0-9+/=]|$)`,
		SecretGroup: 1,
		MaxLen:      60,
		Remediation: "Regenerate the password (Container registry > Access keys, or the repository-scoped token's passwords) and update image pull secrets.",
	},
}
