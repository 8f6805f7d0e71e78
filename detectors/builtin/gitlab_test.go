package builtin

var (
	glpatA1 = "glpat-" + fakeA("glpat-1", b64urlA, 20)
	glpatA2 = "glpat-" + fakeA("glpat-2", b64urlA, 27) + ".01." + fakeA("glpat-2c", lowAlnA, 9)
	gldtA1  = "gldt-" + fakeA("gldt-1", b64urlA, 20)
	gldtA2  = "gldt-" + fakeA("gldt-2", alnumA, 20)
	glpttA1 = "glptt-" + fakeA("glptt-1", hexA, 40)
	glpttA2 = "glptt-" + fakeA("glptt-2", hexA, 40)
	glrtA1  = "glrt-" + fakeA("glrt-1", b64urlA, 20)
	glrtA2  = "glrt-t1_" + fakeA("glrt-2", alnumA, 27)
	grA1    = "GR1348941" + fakeA("gr-1", b64urlA, 20)
	grA2    = "GR1348941" + fakeA("gr-2", alnumA, 20)
	glcbtA1 = "glcbt-64_" + fakeA("glcbt-1", b64urlA, 20)
	glcbtA2 = "glcbt-1a_" + fakeA("glcbt-2", alnumA, 20)
	glsoatA = "glsoat-" + fakeA("glsoat-1", b64urlA, 20)
	glftA   = "glft-" + fakeA("glft-1", b64urlA, 20)
	glimtA  = "glimt-" + fakeA("glimt-1", lowAlnA, 25)
	glagA   = "glagent-" + fakeA("glagent-1", b64urlA, 50)
	gloasA  = "gloas-" + fakeA("gloas-1", hexA, 64)
	glffA   = "glffct-" + fakeA("glffct-1", b64urlA, 20)
)

var _ = register(
	ruleCase{
		id: "gitlab-pat",
		tps: []tp{
			tpA(`{"log":"\u001b[32mINFO\u001b[0m token \u001b[1m{s}\u001b[0m accepted\n","stream":"stdout"}`, glpatA1),
			tpA(`+ curl -sS 'https://gitlab.example.com/api/v4/projects?private_token={s}&page=9'`, glpatA1),
			tpA(`{"event": "authenticating with {s}", "level": "info", "logger": "app.models", "timestamp": "2024-05-14T07:58:59.643191Z"}`, glpatA2),
			tpA(`$ git clone https://oauth2:{s}@gitlab.com/acme/deploy.git`, glpatA1),
		},
		fps: []string{
			`GITLAB_TOKEN=glpat-xxxxxxxxxxxxx`,
			`GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx`,
			`GITLAB_TOKEN=glpat-aaaaaaaaaaaaaaaaaaaa`,
			fpA(`token={s}`, "glpat-"+fakeA("glpat-short", alnumA, 12)),
			`see https://docs.gitlab.com/user/profile/personal_access_tokens/#glpat-prefix`,
		},
	},
	ruleCase{
		id: "gitlab-deploy-token",
		tps: []tp{
			tpA(`Step 3/9 : RUN git clone https://gitlab+deploy-token-12:{s}@gitlab.com/acme/lib.git`, gldtA1),
			tpA(`2024-05-14 08:03:12,004 DEBUG registry: docker login -u gitlab+deploy-token-7 -p {s} registry.gitlab.com`, gldtA2),
		},
		fps: []string{`token: gldt-CHANGEME`},
	},
	ruleCase{
		id: "gitlab-pipeline-trigger-token",
		tps: []tp{
			tpA(`+ curl -X POST --fail -F token={s} -F ref=main https://gitlab.com/api/v4/projects/42/trigger/pipeline`, glpttA1),
			tpA(`10.2.0.8 - - [14/May/2024:08:04:11 +0000] "POST /api/v4/projects/42/ref/main/trigger/pipeline?token={s} HTTP/1.1" 201 512 "-" "curl/8.5.0"`, glpttA2),
		},
		fps: []string{fpA(`token={s}`, "glptt-"+fakeA("glptt-short", hexA, 30)), fpA(`token={s}`, "glptt-"+fakeA("glptt-upper", upAlnumA, 40))},
	},
	ruleCase{
		id: "gitlab-runner-token",
		tps: []tp{
			tpA(`Runtime platform arch=amd64 os=linux pid=7 revision=1b659122 version=17.0.0 token={s}`, glrtA1),
			tpA(`  token = "{s}"`, glrtA2),
		},
		fps: []string{`token = "glrt-REDACTED"`},
	},
	ruleCase{
		id: "gitlab-runner-registration-token",
		tps: []tp{
			tpA(`+ gitlab-runner register --non-interactive --url https://gitlab.com/ --registration-token {s} --executor docker`, grA1),
			tpA(`REGISTRATION_TOKEN={s}`, grA2),
		},
		fps: []string{`REGISTRATION_TOKEN=GR1348941`, fpA(`REGISTRATION_TOKEN={s}`, "GR1348941"+fakeA("gr-short", alnumA, 10))},
	},
	ruleCase{
		id: "gitlab-ci-job-token",
		tps: []tp{
			tpA(`$ curl --header "JOB-TOKEN: {s}" "${CI_API_V4_URL}/projects/42/packages/generic/app/1.0/app.tgz"`, glcbtA1),
			tpA(`{"time":"2024-05-14T08:06:01Z","level":"debug","msg":"job token","CI_JOB_TOKEN":"{s}"}`, glcbtA2),
		},
		fps: []string{`CI_JOB_TOKEN=glcbt-[MASKED]`},
	},
	ruleCase{
		id: "gitlab-scim-token",
		tps: []tp{
			tpA(`Authorization: Bearer {s}`, glsoatA),
			tpA(`[2024-05-14 08:07:44,001] INFO scim.sync: using {s} for group acme`, glsoatA),
		},
		fps: []string{`glsoat-<scim-token>`},
	},
	ruleCase{
		id: "gitlab-feed-token",
		tps: []tp{
			tpA(`10.0.0.5 - - [14/May/2024:08:02:01 +0000] "GET /dashboard/issues.atom?feed_token={s}&state=opened HTTP/1.1" 200 5120 "-" "Feedly/1.0"`, glftA),
			tpA(`{"level":"info","msg":"rss fetch","url":"https://gitlab.com/acme.atom?feed_token={s}"}`, glftA),
		},
		fps: []string{`feed_token=glft-xxxx`},
	},
	ruleCase{
		id: "gitlab-incoming-mail-token",
		tps: []tp{
			tpA(`{"severity":"INFO","time":"2024-05-14T08:01:09.100Z","message":"incoming email token reset","incoming_email_token":"{s}"}`, glimtA),
			tpA(`INCOMING_EMAIL_TOKEN={s}`, glimtA),
		},
		fps: []string{`INCOMING_EMAIL_TOKEN=glimt-short`},
	},
	ruleCase{
		id: "gitlab-agent-token",
		tps: []tp{
			tpA(`+ helm upgrade --install prod gitlab/gitlab-agent --set config.token={s} --set config.kasAddress=wss://kas.gitlab.com`, glagA),
			tpA(`{"level":"info","time":"2024-05-14T08:00:00Z","msg":"agentk starting","token":"{s}"}`, glagA),
		},
		fps: []string{`config.token=glagent-<token>`},
	},
	ruleCase{
		id: "gitlab-oauth-app-secret",
		tps: []tp{
			tpA(`GITLAB_OAUTH_SECRET={s}`, gloasA),
			tpA(`I, [2024-05-14T08:09:00.000000 #1]  INFO -- : omniauth gitlab client_secret={s}`, gloasA),
		},
		fps: []string{fpA(`secret={s}`, "gloas-"+fakeA("gloas-short", hexA, 40))},
	},
	ruleCase{
		id: "gitlab-feature-flags-token",
		tps: []tp{
			tpA(`unleash: connecting to https://gitlab.com/api/v4/feature_flags/unleash/42 instance_id={s}`, glffA),
			tpA(`UNLEASH_INSTANCE_ID={s}`, glffA),
		},
		fps: []string{`UNLEASH_INSTANCE_ID=glffct-`},
	},
)
