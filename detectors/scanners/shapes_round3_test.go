package scanners_test

import (
	"testing"

	"github.com/redactd/redactd/detectors/scanners"
)

// Shapes of the third batch of unseen formats (internal/formats FINDINGS):
// the line, the one secret it holds, the rule id and the context.
var round3Positives = []shapeCase{
	// tools' password arguments
	{"rabbitmqctl add_user", `$ rabbitmqctl add_user reporting 'Quartz.quartz7382'`, `Quartz.quartz7382`, scanners.RulePassword, "assignment"},
	{"rabbitmqctl change_password", `$ rabbitmqctl -n rabbit@mq0 change_password orders Nimbus^harbor6974`, `Nimbus^harbor6974`, scanners.RulePassword, "assignment"},
	{"rabbitmqadmin -p", `$ rabbitmqadmin -u admin -p Q8DZGYbKJlJUaSE1 export /tmp/defs.json`, `Q8DZGYbKJlJUaSE1`, scanners.RulePassword, "assignment"},
	{"sqlcmd -P", `Process Command Line:	sqlcmd -S sql01.acme.local -U sa -P ej_md*zlE37/^FhTZW -Q "BACKUP DATABASE shop"`, `ej_md*zlE37/^FhTZW`, scanners.RulePassword, "assignment"},
	{"net user", `Process Command Line:	"C:\Windows\system32\net.exe" user svc_report 9ntonvlv13aZcvZ9kRIK8N /add /domain`, `9ntonvlv13aZcvZ9kRIK8N`, scanners.RulePassword, "assignment"},
	{"poetry http-basic", `$ poetry config http-basic.acme ci Orchid^glacier3588`, `Orchid^glacier3588`, scanners.RulePassword, "assignment"},
	{"ConvertTo-SecureString", `$cred = New-Object PSCredential('ACME\svc', (ConvertTo-SecureString 'NLFqq5*sSXm4Lz272' -AsPlainText -Force))`, `NLFqq5*sSXm4Lz272`, scanners.RulePassword, "assignment"},
	{"erlang amqp_params_network", `** When Server state == {state,undefined,{amqp_params_network,<<"audit">>,<<"hEWKNo8j1qjwYz4yGIrntAB">>,<<"/">>,"mq",5672}}`, `hEWKNo8j1qjwYz4yGIrntAB`, scanners.RulePassword, "assignment"},
	// XML elements
	{"maven settings password", `      <password>KpgqXMuyLLlXg!AiT</password>`, `KpgqXMuyLLlXg!AiT`, scanners.RulePassword, "assignment"},
	{"maven passphrase", `<server><id>gpg</id><passphrase>Nimbus*saffron2332</passphrase></server>`, `Nimbus*saffron2332`, scanners.RulePassword, "assignment"},
	{"soap namespaced token", `<soap:Header><ns:apiToken>Zq8RmN2vXp4KtL9wQ1xY</ns:apiToken></soap:Header>`, `Zq8RmN2vXp4KtL9wQ1xY`, scanners.RuleToken, "assignment"},
	// JSON shapes
	{"header value list", `"headers":{"User-Agent":["python-requests/2.32.3"],"X-Api-Key":["qewfIa9Bm18odLBm0ZcVbmhmkaOTXRHjwDfURWy0"]}`, `qewfIa9Bm18odLBm0ZcVbmhmkaOTXRHjwDfURWy0`, scanners.RuleAPIKey, "json"},
	{"escaped value list", `representation="{\"config\":{\"bindCredential\":[\"rEpmva_yNfrANw195\"],\"usersDn\":[\"ou=people\"]}}"`, `rEpmva_yNfrANw195`, scanners.RuleSecret, "json"},
	{"arm parameter object", `"requestbody":"{\"parameters\":{\"adminPassword\":{\"value\":\"tMfg3p-4zmmlSvl37\"},\"location\":{\"value\":\"westeurope\"}}}"`, `tMfg3p-4zmmlSvl37`, scanners.RulePassword, "json"},
	{"azure secureValue", `{\"name\":\"DB_PASSWORD\",\"secureValue\":\"axueXT=Tx9VyWFd97\"}`, `axueXT=Tx9VyWFd97`, scanners.RuleSecret, "json"},
	{"keycloak credential type", `representation="{\"type\":\"password\",\"value\":\"Falcon+cobalt6621\",\"temporary\":true}"`, `Falcon+cobalt6621`, scanners.RulePassword, "assignment"},
	// aligned and Dockerfile assignments
	{"heroku config aligned", `RAILS_MASTER_KEY:         584302c3872ed7373d517b71d750bd2e`, `584302c3872ed7373d517b71d750bd2e`, scanners.RuleAPIKey, "assignment"},
	{"dockerfile ENV with &", `Step 3/9 : ENV DJANGO_SECRET_KEY=5%%@u9l+e@7n8ci3tk4=hxi(@g&5h6gk0!0j*(9klkqt-j&2uk`, `5%%@u9l+e@7n8ci3tk4=hxi(@g&5h6gk0!0j*(9klkqt-j&2uk`, scanners.RuleSecret, "assignment"},
	// OAuth codes and URLs
	{"keycloak code", `Redirecting to https://shop.acme.example/cb?state=9fd6b021&code=3d6c2942-acaf-4977-81a2-dd8743b72c29.dcdfc33d-a56f-4744-9d16-c0b738698c03.b0b0fa57-4b90-4816-9098-670a04605a77`, `3d6c2942-acaf-4977-81a2-dd8743b72c29.dcdfc33d-a56f-4744-9d16-c0b738698c03.b0b0fa57-4b90-4816-9098-670a04605a77`, scanners.RuleQuerySecret, "query"},
	{"google code encoded", `path="/auth/google_oauth2/callback?state=4a5c9056&code=4%2F0A7aAw6yzjRzG685VcMvKae8r7TBtGl8gTT9Ma6f1e&scope=email" host=x`, `4%2F0A7aAw6yzjRzG685VcMvKae8r7TBtGl8gTT9Ma6f1e`, scanners.RuleQuerySecret, "query"},
	{"userinfo with ? and #", `received a 'connection.close' from amqps://fed-user:iV?mfNuL#oV^sbtVl2!kIr@@eu-west.mq.acme.example:5671/%2F: access_refused`, `iV?mfNuL#oV^sbtVl2!kIr@`, scanners.RuleURLPassword, "url-userinfo"},
}

var round3Negatives = []string{
	// tools without a password argument, prompts and variables
	`$ rabbitmqctl list_users`, `$ rabbitmqctl add_user reporting`, `$ rabbitmqadmin -u admin -p $RABBIT_PW list queues`,
	`sqlcmd -S sql01 -E -Q "SELECT 1"`, `sqlcmd -S sql01 -p -Q "SELECT 1"`, `net user svc_report * /add`, `net user svc_report /delete`,
	`poetry config http-basic.acme ci`, `$pw = Read-Host -AsSecureString`, `ConvertTo-SecureString $env:PW -AsPlainText -Force`,
	`{amqp_params_network,<<"guest">>,<<"****">>}`,
	// XML near misses
	`<password>${env.NEXUS_PASSWORD}</password>`, `<passwordEncoding>plain</passwordEncoding>`, `<password-policy>strict</password-policy>`,
	`<token>`, `<keyName>signing</keyName>`,
	// JSON lists and objects that hold no secret
	`"headers":{"Authorization":["REDACTED"],"Cookie":["REDACTED"]}`, `"Sec-Websocket-Key":["dGhlIHNhbXBsZSBub25jZQ=="]`,
	`"adminPassword":{"reference":{"keyVault":{"id":"/subscriptions/x"},"secretName":"admin"}}`,
	`{\"type\":\"password_reset\",\"value\":\"2024-06-11T14:03:25Z\"}`,
	// ids, hashes and names under secret-looking keys
	`"externalSessionId":"102LujL6r8fdbjRUPrdXC37a2bc57212c"`, `"rootSessionId":"idxsUzpGN-Ca_7DlEBvbaNYMW1c1a2cb7"`,
	`"orderingKey":"675f4dd2-d771-45d6-a4d1-5a608d1b0055"`, `"attributes":{"signature":"gOY6IqFLjB5L+6mxKi2IUAJ7kw6C3FLZBPR6TkdTOM8="}`,
	`"issuer_key":"acme-v02.api.letsencrypt.org-directory"`, `GET /track?utm_source=newsletter&cid=99nZ55XhmmZLuMnNJv-xS7 HTTP/1.1`,
	`"aio":"E6kxyQQbRTHXvukTo1nNdGPONBCsZRp035q2451yllwzSFhHFMq36d5hZ/xYRZTd8JTvL3Ytpb+ka4zUucpK0A=="`,
	`<Data Name='Hashes'>MD5=8e9a1c0b7d6e5f4a3b2c1d0e9f8a7b6c,IMPHASH=598a9a54cb203fe9304d6a49aa2208c4</Data>`,
	// OAuth and URL near misses
	`GET /status?code=404 HTTP/1.1`, `?code=5274e5c4-ae53-4a9a-bfe1-d185a90b9be1&state=x`, `GET /promo?code=SUMMER HTTP/1.1`,
	`http://reports.internal:8080?next=a@b.example`, `https://cdn.example.com:443#x@y`,
	`ENV PATH=/usr/local/bin:$PATH`,
}

func TestRound3Shapes(t *testing.T) { checkShapes(t, round3Positives) }

func TestRound3NearMisses(t *testing.T) { checkNearMisses(t, round3Negatives) }
