package builtin

import (
	"net/url"
	"strings"
)

var (
	azKeyA1, azKeyA2 = fakeA("az-key-1", b64A, 86) + "==", fakeA("az-key-2", b64A, 86) + "=="
	azSBA            = fakeA("az-sb-1", b64A, 43) + "="
	azSigA1          = fakeA("az-sig-1", b64A, 43) + "="
	azSigA2          = fakeA("az-sig-2", b64A, 43) + "="
	entraA1          = fakeA("entra-1", alnumA, 3) + "8Q~" + fakeA("entra-1b", alnumA+"_~.-", 34)
	entraA2          = "7gX9Q~" + fakeA("entra-2", alnumA+"~._-", 34)
	adoA1            = fakeA("ado-1", alnumA, 52) + "JQQJ99" + fakeA("ado-1b", alnumA, 18) + "AZDO" + fakeA("ado-1c", alnumA, 4)
	adoA2            = fakeA("ado-2", alnumA, 76) + "AZDO" + fakeA("ado-2c", alnumA, 4)
	adoLegacyA       = fakeA("ado-legacy", "abcdefghijklmnopqrstuvwxyz234567", 52)
	acrA             = fakeA("acr-1", b64A, 42) + "+ACR" + fakeA("acr-1b", b64A, 6)
)

var _ = register(
	ruleCase{
		id: "azure-shared-access-key",
		tps: []tp{
			tpA(`SERVICEBUS_CONNECTION=Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={s}`, azSBA),
			tpA(`{"level":"error","msg":"eventhub producer failed","conn":"Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={s};EntityPath=events"}`, azSBA),
		},
		fps: []string{`SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>`},
	},
	ruleCase{
		id: "azure-sas-signature",
		tps: []tp{
			tpA(`10.0.2.9 - - [14/May/2024:08:02:10 +0000] "GET /exports/a.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2024-05-15T00:00:00Z&spr=https&sig={s} HTTP/1.1" 200 4096 "-" "azcopy/10.24"`, url.QueryEscape(azSigA1)),
			tpA(`BlobEndpoint=https://acme.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco&sp=rl&sig={s}`, azSigA2),
		},
		fps: []string{`https://acme.blob.core.windows.net/c/a.csv?sv=2022-11-02&sig=REDACTED`, `https://cdn.example.com/x.js?sig=abc123`},
	},
	ruleCase{
		id: "azure-ad-client-secret",
		tps: []tp{
			tpA(`2024-05-14 08:09:10,001 ERROR auth: token request failed for client secret {s}. Retrying in 5s`, entraA2),
			tpA(`2024-05-14 08:05:21,878 - app.api.orders - DEBUG - os.environ = environ({'CLIENT_SECRET': '{s}', 'PIP_NO_CACHE_DIR': '1'})`, entraA1),
			tpA(`time=2024-05-14T08:05:04.767Z level=WARN msg="calling upstream" method=GET client_secret={s}`, entraA2),
			tpA(`  + client_secret = (sensitive value) # azuread_application_password.ci: "{s}"`, entraA1),
		},
		fps: []string{
			`path=/srv/Q~backup/tmp`,
			fpA(`client_secret={s}`, entraA1[:30]),
			`AZURE_CLIENT_SECRET=abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
		},
	},
	ruleCase{
		id: "azure-devops-pat",
		tps: []tp{
			tpA(`+ git -c http.extraheader="AUTHORIZATION: bearer {s}" fetch origin`, adoA1),
			tpA(`{"level":"info","msg":"pipeline agent configured","pat":"{s}","org":"https://dev.azure.com/acme"}`, adoA2),
		},
		fps: []string{fpA(`pat={s}`, adoA1[:76]+"AZDX"+adoA1[80:]), fpA(`pat={s}`, adoA2[1:])},
	},
	ruleCase{
		id: "azure-devops-pat-legacy",
		tps: []tp{
			tpA(`export AZURE_DEVOPS_EXT_PAT={s}`, adoLegacyA),
			tpA(`2024-05-14 08:03:55,010 INFO settings: {'ADO_PAT': '{s}', 'ORG': 'acme'}`, adoLegacyA),
		},
		fps: []string{`AZURE_DEVOPS_EXT_PAT=$(System.AccessToken)`, fpA(`ADO_PAT={s}`, strings.ToUpper(adoLegacyA))},
	},
	ruleCase{
		id: "azure-container-registry-password",
		tps: []tp{
			tpA(`+ docker login acme.azurecr.io -u acme -p {s}`, acrA),
			tpA(`{"username":"acme","passwords":[{"name":"password","value":"{s}"}]}`, acrA),
		},
		fps: []string{`docker login acme.azurecr.io -u acme -p +ACR`},
	},
)

var _ = register(ruleCase{
	id: "azure-storage-account-key",
	tps: []tp{
		tpA(`[2024-05-14 08:01:36,530] DEBUG in api: BlobServiceClient.from_connection_string('DefaultEndpointsProtocol=https;AccountName=bravo588;AccountKey={s};EndpointSuffix=core.windows.net')`, azKeyA1),
		tpA(`{"log":"AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=quartz587;AccountKey={s};EndpointSuffix=core.windows.net\n","stream":"stdout"}`, azKeyA2),
		tpA(`COSMOS_CONNECTION=AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey={s};`, azKeyA1),
		tpA(`export AZURE_STORAGE_KEY={s}`, azKeyA2),
		tpA(`  + storage_account_key = "{s}"`, azKeyA1),
	},
	fps: []string{
		`AccountName=devstoreaccount1;AccountKey=<your-account-key>;`,
		fpA(`AccountKey={s};`, azKeyA1[:60]),
		fpA(`sri sha512-{s}`, azKeyA1),
	},
})
