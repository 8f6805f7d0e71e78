package builtin

var (
	linA       = "lin_api_" + fakeA("lin-1", alnumA, 40)
	linOAuthA  = "lin_oauth_" + fakeA("lin-2", hexA, 64)
	pmakA      = "PMAK-" + fakeA("pmak-1", hexA, 24) + "-" + fakeA("pmak-2", hexA, 34)
	squA       = "squ_" + fakeA("squ-1", hexA, 40)
	sqpA       = "sqp_" + fakeA("sqp-1", hexA, 40)
	sonarOldA  = fakeA("sonar-old", hexA, 40)
	snykA      = uuidFakeA("snyk-1")
	akcpA      = "AKCp8" + fakeA("akcp-1", alnumA, 68)
	reftknA    = "cmVmdGtuOjAxOjE3" + fakeA("reftkn-1", alnumA, 48)
	ccipatA    = "CCIPAT_" + fakeA("ccipat-1", alnumA, 22) + "_" + fakeA("ccipat-2", hexA, 40)
	ccipA2     = "CCIPRJ_" + fakeA("cciprj-1", alnumA, 22) + "_" + fakeA("cciprj-2", hexA, 40)
	circleOldA = fakeA("circle-old", hexA, 40)
	bkuaA      = "bkua_" + fakeA("bkua-1", hexA, 40)
	dpptA      = "dp.pt." + fakeA("dppt-1", alnumA, 43)
	dpstA      = "dp.st.prd." + fakeA("dpst-1", alnumA, 43)
	pulA       = "pul-" + fakeA("pul-1", hexA, 40)
	icoA       = "ico-" + fakeA("ico-1", alnumA, 32)
	pnuA       = "pnu_" + fakeA("pnu-1", alnumA, 36)
	figdA      = "figd_" + fakeA("figd-1", b64urlA, 40)
	cfpatA     = "CFPAT-" + fakeA("cfpat-1", b64urlA, 43)
	tskeyA1    = "tskey-auth-k" + fakeA("tskey-1", alnumA, 11) + "CNTRL-" + fakeA("tskey-1b", alnumA, 33)
	tskeyA2    = "tskey-api-k" + fakeA("tskey-2", alnumA, 11) + "-" + fakeA("tskey-2b", alnumA, 33)
	octoA      = "API-" + fakeA("octo-1", upAlnumA, 27)
	sgpA       = "sgp_" + fakeA("sgp-1", hexA, 16) + "_" + fakeA("sgp-2", hexA, 40)
	sgpLocalA  = "sgp_local_" + fakeA("sgp-3", hexA, 40)
	harnessA   = "pat." + fakeA("harness-1", b64urlA, 22) + "." + fakeA("harness-2", alnumA, 24) + "." + fakeA("harness-3", alnumA, 20)
	ldSDKA     = "sdk-" + uuidFakeA("ld-1")
	ngrokA     = fakeA("ngrok-1", alnumA, 27) + "_" + fakeA("ngrok-2", alnumA, 22)
	opsA       = "ops_eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSIsInVzZXJBdXRoIjp7Im1ldGhvZCI6IlNSUGctNDA5NiIs" + fakeA("ops-1", b64urlA, 300)
	infisicalA = "st." + fakeA("inf-1", b64urlA, 24) + "." + fakeA("inf-2", hexA, 32) + "." + fakeA("inf-3", hexA, 32)
	codecovA   = uuidFakeA("codecov-1")
	cypressA   = uuidFakeA("cypress-1")
	expoA      = fakeA("expo-1", b64urlA, 40)
	droneA     = fakeA("drone-1", alnumA, 32)
	rdmeA      = "rdme_" + fakeA("rdme-1", lowAlnA, 70)
	jenkinsA   = "11" + fakeA("jenkins-1", hexA, 32)
)

var _ = register(
	ruleCase{
		id: "linear-api-key",
		tps: []tp{
			tpA(`+ curl -H "Authorization: {s}" -H "Content-Type: application/json" https://api.linear.app/graphql`, linA),
			tpA(`LINEAR_API_KEY={s}`, linA),
		},
		fps: []string{`LINEAR_API_KEY=lin_api_xxxxxxxx`},
	},
	ruleCase{
		id: "linear-oauth-token",
		tps: []tp{
			tpA(`{"access_token":"{s}","token_type":"Bearer","expires_in":315705599}`, linOAuthA),
			tpA(`Authorization: Bearer {s}`, linOAuthA),
		},
		fps: []string{`lin_oauth_`},
	},
	ruleCase{
		id: "postman-api-key",
		tps: []tp{
			tpA(`+ newman run https://api.getpostman.com/collections/123?apikey={s}`, pmakA),
			tpA(`X-Api-Key: {s}`, pmakA),
		},
		fps: []string{`PMAK-xxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`},
	},
	ruleCase{
		id: "sonarqube-token",
		tps: []tp{
			tpA(`+ sonar-scanner -Dsonar.host.url=https://sonar.acme.internal -Dsonar.token={s}`, squA),
			tpA(`INFO: Analysis report uploaded; SONAR_TOKEN={s}`, sqpA),
		},
		fps: []string{`squ_short`},
	},
	ruleCase{
		id: "sonar-token-legacy",
		tps: []tp{
			tpA(`+ mvn sonar:sonar -Dsonar.login={s}`, sonarOldA),
			tpA(`SONAR_TOKEN={s}`, sonarOldA),
		},
		fps: []string{`SONAR_TOKEN=${{ secrets.SONAR_TOKEN }}`},
	},
	ruleCase{
		id: "snyk-token",
		tps: []tp{
			tpA(`SNYK_TOKEN={s}`, snykA),
			tpA(`  env: {"SNYK_TOKEN": "{s}"}`, snykA),
		},
		fps: []string{fpA(`snyk test --org={s}`, snykA)},
	},
	ruleCase{
		id: "jfrog-api-key",
		tps: []tp{
			tpA(`+ curl -H "X-JFrog-Art-Api: {s}" https://acme.jfrog.io/artifactory/api/repositories`, akcpA),
			tpA(`ARTIFACTORY_API_KEY={s}`, akcpA),
		},
		fps: []string{`AKCp5short`},
	},
	ruleCase{
		id: "jfrog-reference-token",
		tps: []tp{
			tpA(`+ jf c add acme --url https://acme.jfrog.io --access-token {s}`, reftknA),
			tpA(`Authorization: Bearer {s}`, reftknA),
		},
		fps: []string{`cmVmdGtu`},
	},
	ruleCase{
		id: "circleci-token",
		tps: []tp{
			tpA(`+ curl -H "Circle-Token: {s}" https://circleci.com/api/v2/me`, ccipatA),
			tpA(`CIRCLE_TOKEN={s}`, ccipA2),
		},
		fps: []string{`CCIPAT_short`},
	},
	ruleCase{
		id: "circleci-token-legacy",
		tps: []tp{
			tpA(`+ curl -H "Circle-Token: {s}" https://circleci.com/api/v2/me`, circleOldA),
			tpA(`CIRCLECI_TOKEN={s}`, circleOldA),
		},
		fps: []string{fpA(`CIRCLE_SHA1={s}`, circleOldA)},
	},
	ruleCase{
		id: "buildkite-api-token",
		tps: []tp{
			tpA(`BUILDKITE_API_TOKEN={s}`, bkuaA),
			tpA(`+ curl -H "Authorization: Bearer {s}" https://api.buildkite.com/v2/organizations`, bkuaA),
		},
		fps: []string{`bkua_xxx`},
	},
	ruleCase{
		id: "doppler-token",
		tps: []tp{
			tpA(`DOPPLER_TOKEN={s}`, dpstA),
			tpA(`+ doppler run --token {s} -- ./server`, dpptA),
		},
		fps: []string{`DOPPLER_TOKEN=dp.st.xxxx`},
	},
	ruleCase{
		id: "pulumi-access-token",
		tps: []tp{
			tpA(`PULUMI_ACCESS_TOKEN={s}`, pulA),
			tpA(`Authorization: token {s}`, pulA),
		},
		fps: []string{`pul-request-42`},
	},
	ruleCase{
		id: "infracost-api-key",
		tps: []tp{
			tpA(`INFRACOST_API_KEY={s}`, icoA),
			tpA(`+ infracost configure set api_key {s}`, icoA),
		},
		fps: []string{`ico-favicon.png`},
	},
	ruleCase{
		id: "prefect-api-key",
		tps: []tp{
			tpA(`PREFECT_API_KEY={s}`, pnuA),
			tpA(`+ prefect cloud login --key {s} --workspace acme/prod`, pnuA),
		},
		fps: []string{`pnu_short`},
	},
	ruleCase{
		id: "figma-pat",
		tps: []tp{
			tpA(`+ curl -H "X-Figma-Token: {s}" https://api.figma.com/v1/files/abc`, figdA),
			tpA(`FIGMA_TOKEN={s}`, figdA),
		},
		fps: []string{`figd_short`},
	},
	ruleCase{
		id: "contentful-pat",
		tps: []tp{
			tpA(`CONTENTFUL_MANAGEMENT_TOKEN={s}`, cfpatA),
			tpA(`+ contentful space export --space-id abc --management-token {s}`, cfpatA),
		},
		fps: []string{`CFPAT-xxx`},
	},
	ruleCase{
		id: "tailscale-key",
		tps: []tp{
			tpA(`+ tailscale up --authkey={s} --hostname=ci-runner`, tskeyA1),
			tpA(`TS_API_KEY={s}`, tskeyA2),
		},
		fps: []string{`tskey-auth-XXXX`},
	},
	ruleCase{
		id: "octopus-deploy-api-key",
		tps: []tp{
			tpA(`X-Octopus-ApiKey: {s}`, octoA),
			tpA(`OCTOPUS_CLI_API_KEY={s}`, octoA),
		},
		fps: []string{`OCTOPUS_API_KEY=API-XXXX`},
	},
	ruleCase{
		id: "sourcegraph-token",
		tps: []tp{
			tpA(`SRC_ACCESS_TOKEN={s}`, sgpA),
			tpA(`Authorization: token {s}`, sgpLocalA),
		},
		fps: []string{`sgp_short`},
	},
	ruleCase{
		id: "harness-token",
		tps: []tp{
			tpA(`+ curl -H "x-api-key: {s}" https://app.harness.io/ng/api/user/currentUser`, harnessA),
			tpA(`HARNESS_API_KEY={s}`, harnessA),
		},
		fps: []string{`pat.short.value`},
	},
	ruleCase{
		id: "launchdarkly-sdk-key",
		tps: []tp{
			tpA(`LAUNCHDARKLY_SDK_KEY={s}`, ldSDKA),
			tpA(`{"level":"info","msg":"ld client init","sdkKey":"{s}"}`, ldSDKA),
		},
		fps: []string{`aws-sdk-go/1.51 v4 request`},
	},
	ruleCase{
		id: "ngrok-authtoken",
		tps: []tp{
			tpA(`+ ngrok config add-authtoken {s}`, ngrokA),
			tpA(`NGROK_AUTHTOKEN={s}`, ngrokA),
		},
		fps: []string{`NGROK_AUTHTOKEN=<token>`},
	},
	ruleCase{
		id: "onepassword-service-account-token",
		tps: []tp{
			tpA(`OP_SERVICE_ACCOUNT_TOKEN={s}`, opsA),
			tpA(`{"level":"debug","msg":"op client","token":"{s}"}`, opsA),
		},
		fps: []string{`ops_eyJshort`},
	},
	ruleCase{
		id: "infisical-token",
		tps: []tp{
			tpA(`INFISICAL_TOKEN={s}`, infisicalA),
			tpA(`+ infisical export --env=prod INFISICAL_TOKEN={s}`, infisicalA),
		},
		fps: []string{`INFISICAL_TOKEN=$INFISICAL_TOKEN`},
	},
	ruleCase{
		id: "codecov-token",
		tps: []tp{
			tpA(`CODECOV_TOKEN={s}`, codecovA),
			tpA(`+ codecov upload-process -t CODECOV_TOKEN={s}`, codecovA),
		},
		fps: []string{fpA(`codecov commit {s}`, codecovA)},
	},
	ruleCase{
		id: "cypress-record-key",
		tps: []tp{
			tpA(`+ npx cypress run --record --key {s} --parallel`, cypressA),
			tpA(`CYPRESS_RECORD_KEY={s}`, cypressA),
		},
		fps: []string{fpA(`run {s} recorded`, cypressA)},
	},
	ruleCase{
		id: "expo-access-token",
		tps: []tp{
			tpA(`EXPO_TOKEN={s}`, expoA),
			tpA(`  env: {"EXPO_TOKEN": "{s}"}`, expoA),
		},
		fps: []string{`EXPO_TOKEN=${{ secrets.EXPO_TOKEN }}`},
	},
	ruleCase{
		id: "drone-token",
		tps: []tp{
			tpA(`DRONE_TOKEN={s}`, droneA),
			tpA(`export DRONE_SERVER=https://drone.acme.internal DRONE_TOKEN={s}`, droneA),
		},
		fps: []string{`DRONE_TOKEN=`},
	},
	ruleCase{
		id: "readme-api-key",
		tps: []tp{
			tpA(`+ rdme openapi openapi.json --key={s}`, rdmeA),
			tpA(`README_API_KEY={s}`, rdmeA),
		},
		fps: []string{`rdme_short`},
	},
	ruleCase{
		id: "jenkins-api-token",
		tps: []tp{
			tpA(`JENKINS_API_TOKEN={s}`, jenkinsA),
			tpA(`TASK [jenkins_job : trigger] => {"jenkins_api_token": "{s}", "url": "https://ci.acme.internal"}`, jenkinsA),
		},
		fps: []string{fpA(`JENKINS_TOKEN={s}`, "22"+jenkinsA[2:])},
	},
)
