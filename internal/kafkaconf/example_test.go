package kafkaconf_test

import (
	"fmt"
	"os"

	"github.com/redactd/redactd/internal/kafkaconf"
)

func ExampleSecurity_Resolve() {
	os.Setenv("EXAMPLE_KAFKA_PASSWORD", "not-a-real-password")
	sec := kafkaconf.Security{SASL: &kafkaconf.SASL{
		Mechanism:   "SCRAM-SHA-512",
		Username:    "redactd",
		PasswordEnv: "EXAMPLE_KAFKA_PASSWORD",
	}}
	// SASL without TLS is refused for a broker that is not on loopback.
	_, err := sec.Resolve([]string{"kafka.example.com:9092"}, nil)
	fmt.Println(err)

	c, err := sec.Resolve([]string{"127.0.0.1:9092"}, nil)
	fmt.Println(c.SASL, err) // the password never prints
	// Output:
	// sasl: refusing to send credentials without tls to non-loopback broker kafka.example.com:9092; configure tls or set allow_insecure = true
	// sasl(SCRAM-SHA-512 user=redactd) <nil>
}
