package builtin

var (
	aizaA1, aizaA2 = "AIza" + fakeA("aiza-1", b64urlA, 35), "AIzaSy" + fakeA("aiza-2", b64urlA, 33)
	gocspxA1       = "GOCSPX-" + fakeA("gocspx-1", b64urlA, 28)
	gocspxA2       = "GOCSPX-" + fakeA("gocspx-2", alnumA, 28)
	ya29A1         = "ya29.a0" + fakeA("ya29-1", b64urlA, 180)
	ya29A2         = "ya29.c." + fakeA("ya29-2", b64urlA, 120)
	g1A1, g1A2     = "1//0" + fakeA("g1-1", b64urlA, 99), "1//0g" + fakeA("g1-2", b64urlA, 98)
	fcmA           = "AAAA" + fakeA("fcm-1", b64urlA, 7) + ":APA91b" + fakeA("fcm-2", b64urlA, 134)
)

var _ = register(
	ruleCase{
		id: "google-api-key",
		tps: []tp{
			tpA(`requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key={s}`, aizaA1),
			tpA(`> X-Goog-Api-Key: {s}`, aizaA2),
			tpA(`{"severity":"ERROR","message":"firebase init failed","apiKey":"{s}","projectId":"acme-prod"}`, aizaA2),
		},
		fps: []string{
			fpA(`GOOGLE_API_KEY={s}`, aizaA1[:30]),
			fpA(`GOOGLE_API_KEY={s}`, aizaA1+"Zz"),
			`GOOGLE_API_KEY=AIzaSy...`,
		},
	},
	ruleCase{
		id: "google-oauth-client-secret",
		tps: []tp{
			tpA(`time=2024-05-14T08:10:03.656Z level=WARN msg="calling upstream" google_client_secret={s}`, gocspxA1),
			tpA(`{"web":{"client_id":"1234567890-abc.apps.googleusercontent.com","client_secret":"{s}","redirect_uris":["https://acme.test/cb"]}}`, gocspxA2),
		},
		fps: []string{`client_secret: GOCSPX-REPLACE_ME`},
	},
	ruleCase{
		id: "google-oauth-access-token",
		tps: []tp{
			tpA(`+ curl -sS -H 'Authorization: Bearer {s}' https://www.googleapis.com/storage/v1/b/acme-logs/o`, ya29A1),
			tpA(`10.0.4.2 - - [14/May/2024:07:58:46 +0000] "GET /v1/quartz?access_token={s}&page=4 HTTP/1.1" 200 77 "-" "python-requests/2.31.0"`, ya29A2),
		},
		fps: []string{`Authorization: Bearer ya29.xxxx`, `version ya29.1 of the schema`},
	},
	ruleCase{
		id: "google-oauth-refresh-token",
		tps: []tp{
			tpA(`{"access_token":"`+ya29A1+`","expires_in":3599,"refresh_token":"{s}","scope":"openid"}`, g1A1),
			tpA(`2024-05-14 08:00:11,201 DEBUG google.auth: refreshing credentials refresh_token={s}`, g1A2),
		},
		fps: []string{`file:///1//0/relative is not a token`, fpA(`refresh_token={s}`, "1//0"+fakeA("g1-short", alnumA, 20))},
	},
	ruleCase{
		id: "google-fcm-server-key",
		tps: []tp{
			tpA(`+ curl -X POST -H "Authorization: key={s}" -H "Content-Type: application/json" https://fcm.googleapis.com/fcm/send`, fcmA),
			tpA(`FCM_SERVER_KEY={s}`, fcmA),
		},
		fps: []string{`registration id APA91bH1xZ shortened`, fpA(`key={s}`, fcmA[:100])},
	},
)
