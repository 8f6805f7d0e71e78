package builtin

var (
	atattA1 = "ATATT3xFfGF0" + fakeA("atatt-1", b64urlA, 170) + "=" + fakeA("atatt-1c", upHexA, 8)
	atattA2 = "ATATT3xFfGF0" + fakeA("atatt-2", b64urlA, 180) + "=" + fakeA("atatt-2c", upHexA, 8)
	atcttA  = "ATCTT3xFfGN0" + fakeA("atctt-1", b64urlA, 170) + "=" + fakeA("atctt-1c", upHexA, 8)
	atbbA1  = "ATBB" + fakeA("atbb-1", alnumA, 32) + fakeA("atbb-1c", upHexA, 8)
	atbbA2  = "ATBB" + fakeA("atbb-2", alnumA, 32) + fakeA("atbb-2c", upHexA, 8)
	jiraA   = fakeA("jira-1", alnumA, 24)
)

var _ = register(
	ruleCase{
		id: "atlassian-api-token",
		tps: []tp{
			tpA(`+ curl -s -u ci-bot@acme.test:{s} https://acme.atlassian.net/rest/api/3/myself`, atattA1),
			tpA(`2024-05-14 08:06:12.331 DEBUG 1 --- [nio-8080-exec-3] c.a.jira.JiraClient : jira.api-token={s}`, atattA2),
		},
		fps: []string{`JIRA_API_TOKEN=ATATT3xFfGF0...`, fpA(`token={s}`, atattA1[:len(atattA1)-9]+"=zzzzzzzz")},
	},
	ruleCase{
		id: "bitbucket-access-token",
		tps: []tp{
			tpA(`+ git clone https://x-token-auth:{s}@bitbucket.org/acme/api.git`, atcttA),
			tpA(`{"level":"info","msg":"bitbucket client","token":"{s}"}`, atcttA),
		},
		fps: []string{`BITBUCKET_ACCESS_TOKEN=ATCTT3xFfGN0`},
	},
	ruleCase{
		id: "bitbucket-app-password",
		tps: []tp{
			tpA(`BITBUCKET_APP_PASSWORD={s}`, atbbA1),
			tpA(`[2024-05-14 08:00:01] pipelines.INFO: git push https://ci:{s}@bitbucket.org/acme/web.git`, atbbA2),
		},
		fps: []string{fpA(`BITBUCKET_APP_PASSWORD={s}`, atbbA1[:36]), `ATBB is the prefix of app passwords`},
	},
	ruleCase{
		id: "atlassian-api-token-legacy",
		tps: []tp{
			tpA(`export JIRA_API_TOKEN={s}`, jiraA),
			tpA(`{"confluence_token": "{s}", "space": "OPS"}`, jiraA),
		},
		fps: []string{`JIRA_API_TOKEN=${JIRA_API_TOKEN}`, `jira_token: changeme`},
	},
)
