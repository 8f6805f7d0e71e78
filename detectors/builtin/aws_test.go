package builtin

import (
	"net/url"
	"strings"
)

var (
	akiaA1, akiaA2 = "AKIA" + fakeA("akia-1", b32A, 16), "AKIA" + fakeA("akia-2", b32A, 16)
	abiaA          = "ABIA" + fakeA("abia-1", b32A, 16)
	acca           = "ACCA" + fakeA("acca-1", b32A, 16)
	asiaA1, asiaA2 = "ASIA" + fakeA("asia-1", b32A, 16), "ASIA" + fakeA("asia-2", b32A, 16)
	awsSecA1       = fakeA("aws-sec-1", b64A, 40)
	awsSecA2       = fakeA("aws-sec-2", b64A, 40)
	awsSecA3       = fakeA("aws-sec-3", b64A, 40)
	awsSessA1      = "IQoJb3JpZ2luX2Vj" + fakeA("aws-sess-1", b64A, 700) + "="
	awsSessA2      = "FwoGZXIvYXdzE" + fakeA("aws-sess-2", b64A, 340)
)

var _ = register(
	ruleCase{
		id: "aws-access-key-id",
		tps: []tp{
			tpA("\x1b[0;33mWARN\x1b[0m credentials from env: \x1b[1m{s}\x1b[0m", akiaA2),
			tpA(`2024-05-14 08:02:32,250 - botocore.client - DEBUG - Creating client with kwargs {'region_name': 'us-east-1', 'aws_access_key_id': '{s}', 'timeout': 59}`, akiaA1),
			tpA(`10.0.3.17 - - [14/May/2024:08:01:07 +0000] "GET /reports/q2.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={s}%2F20240514%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240514T080107Z HTTP/1.1" 200 48213 "-" "curl/8.5.0"`, akiaA2),
			tpA(`TASK [aws_s3 : upload artifacts] ok: [localhost] => {"changed": false, "access_key": "{s}"}`, abiaA),
			tpA(`export AWS_ACCESS_KEY_ID={s}`, acca),
		},
		fps: []string{
			`aws_access_key_id = AKIAIOSFODNN7EXAMPLE`,
			`AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX`,
			`arn:aws:iam::786499251097:role/worker-deploy AROAXE3PQ4BZLN6ZKEXY`,
			fpA(`key id {s}`, akiaA1+"Q"),
			fpA(`key id {s}`, "AKIA"+strings.ToLower(akiaA1[4:])),
		},
	},
	ruleCase{
		id: "aws-temp-access-key-id",
		tps: []tp{
			tpA(`{"AccessKeyId":"{s}","level":"warning","msg":"client initialised","time":"2024-05-14T07:58:36Z"}`, asiaA1),
			tpA(`time=2024-05-14T07:58:41.691Z level=WARN msg="calling upstream" access_key_id={s} attempt=1`, asiaA2),
		},
		fps: []string{
			`aws_access_key_id = ASIAXXXXXXXXXXXXXXXX`,
			fpA(`region=asia-east1 zone=ASIA{s}`, "1"+asiaA1[5:]),
		},
	},
	ruleCase{
		id: "aws-session-token",
		tps: []tp{
			tpA(`AWS_SESSION_TOKEN={s}`, awsSessA1),
			tpA(`DEBUG:botocore.client:Creating client with kwargs {'region_name': 'us-east-1', 'aws_session_token': '{s}', 'timeout': 19}`, awsSessA2),
			{line: `10.0.9.4 - - [14/May/2024:08:09:33 +0000] "GET /b/x.zip?X-Amz-Security-Token=` + url.QueryEscape(awsSessA1) + `&X-Amz-Signature=` + fakeA("sig", hexA, 64) + ` HTTP/1.1" 200 913 "-" "aws-sdk-go/1.51"`, secret: url.QueryEscape(awsSessA1)},
		},
		fps: []string{
			`AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEXAMPLE`,
			`note: tokens start with FwoGZXIvYXdzE and are long`,
		},
	},
)

var awsSessA3 = "AgoJb3JpZ2luX2Vj" + fakeA("aws-sess-3", b64A, 500) + "=="

var _ = register(ruleCase{
	id: "aws-session-token-assigned",
	tps: []tp{
		tpA(`export AWS_SESSION_TOKEN={s}`, awsSessA3),
		tpA(`{"Credentials":{"AccessKeyId":"`+asiaA2+`","SessionToken":"{s}"}}`, awsSessA3),
		{line: `GET /obj?X-Amz-Security-Token=` + url.QueryEscape(awsSessA3) + `&X-Amz-Date=20240514T080107Z HTTP/1.1`, secret: url.QueryEscape(awsSessA3)},
	},
	fps: []string{`AWS_SESSION_TOKEN=${AWS_SESSION_TOKEN}`, `aws_session_token = None`, `SessionToken: ` + strings.Repeat("A", 120)},
})

var _ = register(ruleCase{
	id: "aws-secret-access-key",
	tps: []tp{
		tpA(`aws_secret_access_key = {s}`, awsSecA1),
		tpA(`2024-05-14T08:05:45.199489933Z stdout F {"Credentials": {"AccessKeyId": "`+asiaA1+`", "SecretAccessKey": "{s}", "Expiration": "2024-05-14T09:05:45Z"}}`, awsSecA2),
		tpA(`{"log":"AWS_SECRET_ACCESS_KEY=\"{s}\"\n","stream":"stdout"}`, awsSecA3),
		tpA(`+ aws configure set aws_secret_access_key {s} --profile ci`, awsSecA1),
		tpA(`[pod/search-25ms5/search] level=INFO msg="calling upstream" secret_access_key={s}`, awsSecA2),
		tpA(`10.0.0.7 - - [14/May/2024:08:00:01 +0000] "GET /upload?aws_access_key_id=`+akiaA1+`&aws_secret_access_key={s}&bucket=logs HTTP/1.1" 200 12 "-" "curl/8.5.0"`, url.QueryEscape(awsSecPlusA)),
		tpA(`AwsSessionCredentials(accessKeyId=`+asiaA1+`, secretAccessKey={s}, sessionToken=...)`, awsSecA3),
	},
	fps: []string{
		`aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
		`aws_secret_access_key: ${AWS_SECRET_ACCESS_KEY}`,
		`"SecretAccessKey": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"`,
		fpA(`aws_secret_access_key = {s}`, awsSecA1+"Qz"),
		`secret_access_key not set; commit 6e093be811a5433d76c36c48036cf78157d8dc8f`,
	},
})

// awsSecPlusA is a fake secret key with '/' and '+' in it, so it changes
// when percent-encoded.
var awsSecPlusA = fakeA("aws-sec-plus", b64A, 36) + "a/b+"
