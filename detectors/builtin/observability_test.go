package builtin

import "encoding/base64"

var (
	ddAPIA1, ddAPIA2 = fakeA("dd-api-1", hexA, 32), fakeA("dd-api-2", hexA, 32)
	ddAppA1, ddAppA2 = fakeA("dd-app-1", hexA, 40), fakeA("dd-app-2", hexA, 40)
	nrakA1, nrakA2   = "NRAK-" + fakeA("nrak-1", upAlnumA, 27), "NRAK-" + fakeA("nrak-2", upAlnumA, 27)
	nraaA            = "NRAA-" + fakeA("nraa-1", alnumA, 27)
	nriiA            = "NRII-" + fakeA("nrii-1", b64urlA, 32)
	nrqA             = "NRIQ-" + fakeA("nriq-1", alnumA, 32)
	nralA            = fakeA("nral-1", hexA, 36) + "NRAL"
	nrjsA            = "NRJS-" + fakeA("nrjs-1", hexA, 19)
	sntryuA1         = "sntryu_" + fakeA("sntryu-1", hexA, 64)
	sntryuA2         = "sntryu_" + fakeA("sntryu-2", hexA, 64)
	sntrysA          = "sntrys_eyJpYXQiOjE3MTU2NzM2MDAuMCwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8iLCJvcmciOiJhY21lIn0_" + fakeA("sntrys-1", b64A, 43)
	sentryOldA       = fakeA("sentry-old", hexA, 64)
	glcA             = "glc_eyJvIjoiOTk5OTk5IiwibiI6ImNpLXB1Ymxpc2giLCJrIjoi" + fakeA("glc-1", alnumA, 40) + "In0="
	glsaA1           = "glsa_" + fakeA("glsa-1", alnumA, 32) + "_" + fakeA("glsa-1c", hexA, 8)
	glsaA2           = "glsa_" + fakeA("glsa-2", alnumA, 32) + "_" + fakeA("glsa-2c", hexA, 8)
	grafanaOldA      = "eyJrIjoi" + fakeA("grafana-old", alnumA, 72) + "fQ=="
	dtA              = "dt0c01." + fakeA("dt-1", upAlnumA, 24) + "." + fakeA("dt-2", upAlnumA, 64)
	hcaikA           = "hcaik_01" + fakeA("hcaik-1", lowAlnA, 56)
	honeyOldA        = fakeA("honey-1", alnumA, 22)
	phxA             = "phx_" + fakeA("phx-1", alnumA, 43)
	elasticA         = fakeA("elastic-1", b64A, 58) + "=="
	splunkA          = uuidFakeA("splunk-1")
	rollbarA         = fakeA("rollbar-1", hexA, 32)
	logzioA          = fakeA("logzio-1", alnumA, 32)
	sumoA            = fakeA("sumo-1", b64urlA, 120) + "=="
	genieA           = uuidFakeA("genie-1")
	pdA              = "u+" + fakeA("pd-1", b64urlA, 18)
	axiomA           = "xaat-" + uuidFakeA("axiom-1")
	// {"ver":"8.14.1","adr":["172.18.0.2:9200"],"fgr":<64 hex>,"key":"<id>:<key>"}
	esEnrollA = base64.StdEncoding.EncodeToString([]byte(`{"ver":"8.14.1","adr":["172.18.0.2:9200"],"fgr":"` +
		fakeA("es-enroll-fgr", hexA, 64) + `","key":"` + fakeA("es-enroll-id", b64urlA, 20) + ":" + fakeA("es-enroll-key", b64urlA, 22) + `"}`))
	// the same layout without a key: no credential in it
	esEnrollNoKey = base64.StdEncoding.EncodeToString([]byte(`{"ver":"8.14.1","adr":["172.18.0.2:9200"],"fgr":"` + fakeA("es-enroll-fgr", hexA, 64) + `"}`))
)

var _ = register(
	ruleCase{
		id: "datadog-api-key",
		tps: []tp{
			tpA("\x1b[36mINFO\x1b[0m[0000] agent config                                  \x1b[36mDD_API_KEY\x1b[0m=\x1b[33m{s}\x1b[0m", ddAPIA2), // logrus text formatter, TTY
			tpA(`                "DD_API_KEY={s}",`, ddAPIA1),
			tpA(`send: b'POST /api/v2/series HTTP/1.1\r\nHost: api.datadoghq.com\r\nDD-API-KEY: {s}\r\n\r\n'`, ddAPIA2),
			tpA(`10.0.1.1 - - [14/May/2024:08:00:00 +0000] "POST /v1/input?dd-api-key={s}&ddsource=nginx HTTP/1.1" 202 0`, ddAPIA1),
		},
		fps: []string{fpA(`etag={s}`, ddAPIA1), `DD_API_KEY=<DATADOG_API_KEY>`, fpA(`DD_API_KEY={s}`, ddAPIA1+"ab")},
	},
	ruleCase{
		id: "datadog-app-key",
		tps: []tp{
			tpA(`DEBUG:app:os.environ = environ({'DB_NAME': 'app', 'DD_APP_KEY': '{s}', 'LANG': 'C.UTF-8'})`, ddAppA1),
			tpA(`+ curl -H "DD-APPLICATION-KEY: {s}" https://api.datadoghq.com/api/v1/monitor`, ddAppA2),
		},
		fps: []string{fpA(`commit {s}`, ddAppA1)},
	},
	ruleCase{
		id: "newrelic-user-api-key",
		tps: []tp{
			tpA(`                "NEW_RELIC_API_KEY={s}",`, nrakA1),
			tpA(`+ curl -X POST https://api.newrelic.com/graphql -H 'API-Key: {s}'`, nrakA2),
		},
		fps: []string{`NEW_RELIC_API_KEY=NRAK-XXXX`},
	},
	ruleCase{
		id: "newrelic-admin-api-key",
		tps: []tp{
			tpA(`X-Api-Key: {s}`, nraaA),
			tpA(`NEW_RELIC_ADMIN_KEY={s}`, nraaA),
		},
		fps: []string{`NRAA-short`},
	},
	ruleCase{
		id: "newrelic-insights-key",
		tps: []tp{
			tpA(`+ curl -X POST -H "X-Insert-Key: {s}" https://insights-collector.newrelic.com/v1/accounts/1/events`, nriiA),
			tpA(`X-Query-Key: {s}`, nrqA),
		},
		fps: []string{`NRII-`},
	},
	ruleCase{
		id: "newrelic-license-key",
		tps: []tp{
			tpA(`NEW_RELIC_LICENSE_KEY={s}`, nralA),
			tpA(`2024-05-14 08:00:01,002 (7/MainThread) newrelic.core.agent INFO - license_key={s}`, nralA),
		},
		fps: []string{fpA(`key={s}`, fakeA("nral-short", hexA, 20)+"NRAL")},
	},
	ruleCase{
		id: "newrelic-browser-api-key",
		tps: []tp{
			tpA(`<script>;NREUM.loader_config={licenseKey:"{s}",applicationID:"1"}</script>`, nrjsA),
			tpA(`NEW_RELIC_BROWSER_KEY={s}`, nrjsA),
		},
		fps: []string{`NRJS-abc`},
	},
	ruleCase{
		id: "sentry-user-token",
		tps: []tp{
			tpA(`[pod/gateway-rctpxwjvr-t9prp/gateway] WARNING 2024-05-14 08:03:24,696 tasks 43 139854434955153 Rotated key -> {s}`, sntryuA1),
			tpA(`    sentry_auth_token = '{s}'`, sntryuA2),
		},
		fps: []string{fpA(`token={s}`, sntryuA1[:50])},
	},
	ruleCase{
		id: "sentry-org-token",
		tps: []tp{
			tpA(`SENTRY_AUTH_TOKEN={s}`, sntrysA),
			tpA(`+ sentry-cli --auth-token {s} releases new 1.4.0`, sntrysA),
		},
		fps: []string{
			`SENTRY_AUTH_TOKEN=sntrys_YOUR_TOKEN_HERE`,
			// Right shape, but the payload is not base64 JSON.
			fpA(`SENTRY_AUTH_TOKEN={s}`, "sntrys_eyJ"+fakeA("sntrys-bad", alnumA, 60)+"_"+fakeA("sntrys-bad2", b64A, 43)),
		},
	},
	ruleCase{
		id: "sentry-auth-token-legacy",
		tps: []tp{
			tpA(`SENTRY_AUTH_TOKEN={s}`, sentryOldA),
			tpA(`{"SENTRY_AUTH_TOKEN": "{s}"}`, sentryOldA),
		},
		fps: []string{fpA(`sha256={s}`, sentryOldA)},
	},
	ruleCase{
		id: "grafana-cloud-token",
		tps: []tp{
			tpA(`GRAFANA_CLOUD_TOKEN={s}`, glcA),
			tpA(`level=info ts=2024-05-14T08:00:00Z caller=main.go:90 msg="remote write" basic_auth_password={s}`, glcA),
		},
		fps: []string{`glc_short`},
	},
	ruleCase{
		id: "grafana-service-account-token",
		tps: []tp{
			tpA(`+ curl -H "Authorization: Bearer {s}" https://grafana.acme.internal/api/dashboards/uid/abc`, glsaA1),
			tpA(`logger=context userId=0 orgId=1 t=2024-05-14T08:00:00Z level=info msg="token" token={s}`, glsaA2),
		},
		fps: []string{fpA(`token={s}`, glsaA1[:37])},
	},
	ruleCase{
		id: "grafana-api-key-legacy",
		tps: []tp{
			tpA(`Authorization: Bearer {s}`, grafanaOldA),
			tpA(`GRAFANA_API_KEY={s}`, grafanaOldA),
		},
		fps: []string{`eyJrIjoiYWJj`},
	},
	ruleCase{
		id: "dynatrace-api-token",
		tps: []tp{
			tpA(`+ curl -H "Authorization: Api-Token {s}" https://abc12345.live.dynatrace.com/api/v2/metrics`, dtA),
			tpA(`DT_API_TOKEN={s}`, dtA),
		},
		fps: []string{`dt0c01.XXXXXXXX`},
	},
	ruleCase{
		id: "honeycomb-ingest-key",
		tps: []tp{
			tpA(`OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team={s}`, hcaikA),
			tpA(`{"level":"info","msg":"exporter","headers":{"x-honeycomb-team":"{s}"}}`, hcaikA),
		},
		fps: []string{`hcaik_short`},
	},
	ruleCase{
		id: "honeycomb-api-key",
		tps: []tp{
			tpA(`> X-Honeycomb-Team: {s}`, honeyOldA),
			tpA(`HONEYCOMB_API_KEY={s}`, honeyOldA),
		},
		fps: []string{`X-Honeycomb-Team: ${HONEYCOMB_API_KEY}`},
	},
	ruleCase{
		id: "posthog-personal-api-key",
		tps: []tp{
			tpA(`POSTHOG_PERSONAL_API_KEY={s}`, phxA),
			tpA(`+ curl -H "Authorization: Bearer {s}" https://app.posthog.com/api/projects/`, phxA),
		},
		fps: []string{`phc_` + fakeA("phc", alnumA, 43)},
	},
	ruleCase{
		id: "elastic-api-key",
		tps: []tp{
			tpA(`+ curl -H "Authorization: ApiKey {s}" https://es.acme.internal:9200/_cat/indices`, elasticA),
			tpA(`{"headers":{"authorization":"ApiKey {s}"},"level":"debug"}`, elasticA),
		},
		fps: []string{`Authorization: ApiKey <base64>`, `apikey ` + fakeA("elastic-fp", alnumA, 30)},
	},
	ruleCase{
		id: "elastic-enrollment-token",
		tps: []tp{
			tpA(`  {s}`, esEnrollA), // the first start's banner
			tpA(`bin/elasticsearch --enrollment-token {s}`, esEnrollA),
			tpA(`{"msg":"enrolling","token":"{s}"}`, esEnrollA),
		},
		fps: []string{"  " + esEnrollNoKey, "eyJ2ZXIiOi" + fakeA("es-enroll-junk", b64A, 120)},
	},
	ruleCase{
		id: "splunk-hec-token",
		tps: []tp{
			tpA(`+ curl -k https://splunk.acme.internal:8088/services/collector -H "Authorization: Splunk {s}" -d '{"event":"x"}'`, splunkA),
			tpA(`SPLUNK_HEC_TOKEN={s}`, splunkA),
		},
		fps: []string{fpA(`Splunk search id {s}`, splunkA)},
	},
	ruleCase{
		id: "rollbar-access-token",
		tps: []tp{
			tpA(`ROLLBAR_ACCESS_TOKEN={s}`, rollbarA),
			tpA(`X-Rollbar-Access-Token: {s}`, rollbarA),
		},
		fps: []string{fpA(`md5={s}`, rollbarA)},
	},
	ruleCase{
		id: "logzio-token",
		tps: []tp{
			tpA(`LOGZIO_TOKEN={s}`, logzioA),
			tpA(`  logzio_token: "{s}"`, logzioA),
		},
		fps: []string{`LOGZIO_TOKEN=`},
	},
	ruleCase{
		id: "sumologic-http-source-url",
		tps: []tp{
			tpA(`SUMO_URL=https://endpoint4.collection.sumologic.com/receiver/v1/http/{s}`, sumoA),
			tpA(`2024-05-14 08:00:00 ERROR fluent-bit: POST https://collectors.sumologic.com/receiver/v1/http/{s} 503`, sumoA),
		},
		fps: []string{`https://help.sumologic.com/receiver/v1/http/`},
	},
	ruleCase{
		id: "opsgenie-api-key",
		tps: []tp{
			tpA(`+ curl -X POST https://api.opsgenie.com/v2/alerts -H "Authorization: GenieKey {s}"`, genieA),
			tpA(`OPSGENIE_API_KEY={s}`, genieA),
		},
		fps: []string{fpA(`alert {s} closed`, genieA)},
	},
	ruleCase{
		id: "pagerduty-api-key",
		tps: []tp{
			tpA(`PAGERDUTY_TOKEN={s}`, pdA),
			tpA(`{"PAGERDUTY_ROUTING_KEY": "{s}"}`, ddAPIA2),
		},
		fps: []string{`PAGERDUTY_TOKEN=changeme`},
	},
	ruleCase{
		id: "axiom-token",
		tps: []tp{
			tpA(`AXIOM_TOKEN={s}`, axiomA),
			tpA(`+ curl -H "Authorization: Bearer {s}" https://api.axiom.co/v1/datasets/logs/ingest`, axiomA),
		},
		fps: []string{`xaat-short`},
	},
)
