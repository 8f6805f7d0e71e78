package scanners_test

import (
	"fmt"

	"github.com/redactd/redactd/detectors"
	"github.com/redactd/redactd/detectors/scanners"
)

func Example() {
	eng, err := detectors.New(nil, detectors.Options{
		Key:       []byte("an operator key of 32 bytes or more"),
		Scanners:  scanners.All(scanners.Options{}),
		Allowlist: scanners.DefaultAllowlist(),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	pem := scanners.NewPEMFollower(eng, scanners.PEMOptions{}) // one per stream
	for _, line := range []string{
		`{"level":"info","msg":"db config","db_password":"Harbor_1952tundra","host":"db"}`,
		`DATABASE_URL=postgresql://app:WmwaBwjXZUDEVYN_6B@db.internal:5432/app`,
		`Authorization: Bearer GMOHaT09z8zGEC4pbYdCYRjtFa8ZTPjC5ex49og3`,
		`password=changeme request_id=94425d84-265d-4cf5-bf76-2476482b2b85`,
		`-----BEGIN EC PRIVATE KEY-----`,
		`MHcCAQEEIONpQnJ1d7in3LsozpfELg+r7ms/Fo4mMXTxiUvxnF0roAoGCCqGSM49`,
		`-----END EC PRIVATE KEY-----`,
	} {
		out, fs := eng.Redact(nil, []byte(line))
		out, fs = pem.Follow(nil, out, fs)
		for _, f := range fs {
			fmt.Printf("%s in %s: ", f.RuleID, f.Context)
		}
		fmt.Println(string(out))
	}
	// Output:
	// password-assignment in json: {"level":"info","msg":"db config","db_password":"[REDACTED:password-assignment:810193bf7fb08b61]","host":"db"}
	// url-password in url-userinfo: DATABASE_URL=postgresql://app:[REDACTED:url-password:4278f84a12ae834b]@db.internal:5432/app
	// http-bearer in header: Authorization: Bearer [REDACTED:http-bearer:7bc6bfe337c8c08c]
	// password=changeme request_id=94425d84-265d-4cf5-bf76-2476482b2b85
	// -----BEGIN EC PRIVATE KEY-----
	// private-key in pem: [REDACTED:private-key:b9b67a5756f80b5f]
	// -----END EC PRIVATE KEY-----
}
