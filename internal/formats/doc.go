// Package formats holds no code: its test measures redactd's detection on
// hand-written logs of the formats it meets in production (Java, Node, Go,
// Rails, PHP, .NET, nginx, HAProxy, syslog, journald, CloudTrail, CI runners,
// Terraform, Ansible, kubectl, Helm, SQL servers, Redis, Flask, and a second
// batch: Django/uWSGI, Celery/Airflow, MongoDB, Envoy/Istio, Kubernetes and
// Vault audit logs, Docker Compose, journalctl -o verbose, Lambda, Spring
// Boot actuator, PostgreSQL roles, CI secret masking, and a third:
// Apache httpd, IIS, Caddy, Elasticsearch, Kafka Connect, RabbitMQ,
// Keycloak, Okta, GCP audit, Azure Activity, Heroku, package managers,
// Maven/Gradle, Docker builds, Windows events, structlog, Phoenix), each with
// fake secrets planted where those tools really leak them and a labels file.
//
// The test reports recall and false-positive lines per format. Run it with
// REDACTD_FORMATS_STRICT=1 to hold the engine to the product targets (recall
// at least 99%, at most 0.5% of clean lines changed); without it the test
// holds the engine to the floor measured when the data was last refreshed, so
// that regressions fail while the targets are not met yet.
//
// testdata/gen.py regenerates the logs and labels from testdata/src/*.tmpl.
package formats
