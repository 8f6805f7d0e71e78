package builtin

var _ = register(ruleCase{
	id: "github-pat",
	tps: []tp{
		{`2024-05-14 07:58:03,120 INFO git: cloning with token=ghp_R4nd0mF4k3T0k3nV4lu3F0rT3st1ng00aa`, "ghp_R4nd0mF4k3T0k3nV4lu3F0rT3st1ng00aa"},
		{`{"level":"debug","msg":"auth","token":"ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"}`, "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"},
	},
	fps: []string{`token=ghp_xxxxxxxx (placeholder, too short)`},
})
