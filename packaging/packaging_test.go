// Package packaging holds the systemd unit and container build file of
// redactd; this test checks them for the properties the README promises,
// since neither systemd nor a container build runs in CI.
package packaging

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// unit parses a systemd unit file into section -> key -> values (a key may
// repeat).
func unit(t *testing.T, path string) map[string]map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	u := map[string]map[string][]string{}
	section := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[' && line[len(line)-1] == ']':
			section = line[1 : len(line)-1]
			u[section] = map[string][]string{}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || section == "" {
				t.Fatalf("%s:%d: not a key=value line in a section: %q", path, n, line)
			}
			u[section][k] = append(u[section][k], v)
		}
	}
	return u
}

func TestSystemdUnit(t *testing.T) {
	u := unit(t, "redactd.service")
	svc := u["Service"]
	if svc == nil || u["Unit"] == nil || u["Install"] == nil {
		t.Fatalf("sections = %v; want Unit, Service, Install", u)
	}
	want := map[string]string{
		"DynamicUser":             "yes",
		"ProtectSystem":           "strict",
		"StateDirectory":          "redactd",
		"StateDirectoryMode":      "0700",
		"Restart":                 "on-failure",
		"NoNewPrivileges":         "yes",
		"ProtectHome":             "yes",
		"PrivateTmp":              "yes",
		"CapabilityBoundingSet":   "",
		"EnvironmentFile":         "/etc/redactd/redactd.env",
		"ExecStart":               "/usr/local/bin/redactd -c /etc/redactd/redactd.toml",
		"KillSignal":              "SIGTERM",
		"UMask":                   "0077",
		"RestrictSUIDSGID":        "yes",
		"MemoryDenyWriteExecute":  "yes",
		"SystemCallArchitectures": "native",
		"RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
		"ReadOnlyPaths":           "/etc/redactd /var/log",
		"ProtectKernelTunables":   "yes",
		"ProtectControlGroups":    "yes",
		"LockPersonality":         "yes",
		"RestrictNamespaces":      "yes",
		"SystemCallErrorNumber":   "EPERM",
		"ProtectKernelModules":    "yes",
		"PrivateDevices":          "yes",
		"AmbientCapabilities":     "",
		"ExecReload":              "/bin/kill -HUP $MAINPID",
		"ProtectProc":             "invisible",
		"RemoveIPC":               "yes",
		"ProtectClock":            "yes",
		"ProtectKernelLogs":       "yes",
		"ProtectHostname":         "yes",
		"RestrictRealtime":        "yes",
		"ProcSubset":              "pid",
	}
	for k, v := range want {
		if got := svc[k]; len(got) != 1 || got[0] != v {
			t.Errorf("[Service] %s = %q; want %q", k, got, v)
		}
	}
	// Nothing may be writable but the state directory.
	for _, k := range []string{"ReadWritePaths", "LogsDirectory", "CacheDirectory", "RuntimeDirectory", "User", "PermissionsStartOnly"} {
		if v, ok := svc[k]; ok {
			t.Errorf("[Service] %s = %q; data_dir must be the only writable path and the user dynamic", k, v)
		}
	}
	for _, v := range svc["Environment"] {
		if strings.Contains(v, "KEY") {
			t.Errorf("[Service] Environment=%s: the key belongs in the 0600 EnvironmentFile", v)
		}
	}
	if stop := svc["TimeoutStopSec"]; len(stop) != 1 || stop[0] != "45s" {
		t.Errorf("TimeoutStopSec = %q; want 45s, more than the 30s default shutdown_timeout", stop)
	}
	if got := u["Install"]["WantedBy"]; len(got) != 1 || got[0] != "multi-user.target" {
		t.Errorf("WantedBy = %q", got)
	}
}

// TestSystemdVerify has systemd check the unit's syntax when it is
// installed, with ExecStart and EnvironmentFile pointed at files that exist.
func TestSystemdVerify(t *testing.T) {
	sa, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Log("systemd-analyze is not installed: only the parsed checks of TestSystemdUnit ran")
		return
	}
	data, err := os.ReadFile("redactd.service")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := filepath.Join(dir, "redactd.env")
	os.WriteFile(env, nil, 0o600)
	s := strings.ReplaceAll(string(data), "/usr/local/bin/redactd", "/bin/true")
	s = strings.ReplaceAll(s, "/etc/redactd/redactd.env", env)
	path := filepath.Join(dir, "redactd.service")
	os.WriteFile(path, []byte(s), 0o600)
	out, err := exec.Command(sa, "verify", path).CombinedOutput()
	if err != nil || strings.Contains(string(out), path) {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

func TestContainerfile(t *testing.T) {
	data, err := os.ReadFile("Containerfile")
	if err != nil {
		t.Fatal(err)
	}
	// Join continuation lines, drop comments.
	var instr []string
	var cur strings.Builder
	for _, line := range strings.Split(string(data), "\n") {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "#") || (trim == "" && cur.Len() == 0) {
			continue
		}
		if strings.HasSuffix(trim, "\\") {
			cur.WriteString(strings.TrimSuffix(trim, "\\") + " ")
			continue
		}
		cur.WriteString(trim)
		instr = append(instr, cur.String())
		cur.Reset()
	}
	var froms []string
	final := map[string][]string{} // instructions of the last stage
	for _, in := range instr {
		op, arg, _ := strings.Cut(in, " ")
		op = strings.ToUpper(op)
		if op == "FROM" {
			froms = append(froms, arg)
			final = map[string][]string{}
		}
		final[op] = append(final[op], arg)
	}
	if len(froms) < 2 || !strings.Contains(froms[0], " AS build") {
		t.Fatalf("stages %q; want a build stage and a runtime stage", froms)
	}
	base := froms[len(froms)-1]
	if !strings.HasPrefix(base, "gcr.io/distroless/static") && base != "scratch" {
		t.Errorf("runtime base = %s; want distroless/static or scratch", base)
	}
	if !strings.Contains(string(data), "CGO_ENABLED=0") {
		t.Error("the binary must be static (CGO_ENABLED=0) for a static base image")
	}
	users := final["USER"]
	if len(users) != 1 || strings.HasPrefix(users[0], "root") || strings.HasPrefix(users[0], "0") {
		t.Errorf("USER = %q; want a non-root user", users)
	}
	vols := final["VOLUME"]
	var paths []string
	if len(vols) == 1 {
		json.Unmarshal([]byte(vols[0]), &paths)
	}
	if len(paths) != 1 || paths[0] != "/var/lib/redactd" {
		t.Errorf("VOLUME = %q; want the data_dir /var/lib/redactd only", vols)
	}
	for _, op := range []string{"ENTRYPOINT", "CMD"} {
		var argv []string
		if v := final[op]; len(v) != 1 || json.Unmarshal([]byte(v[0]), &argv) != nil || len(argv) == 0 {
			t.Errorf("%s = %q; want the exec (JSON) form, so signals reach redactd as PID 1", op, v)
		}
	}
	if len(final["RUN"]) != 0 {
		t.Errorf("the runtime stage runs %q; a distroless image has no shell", final["RUN"])
	}
	if strings.Contains(string(data), "REDACTD_FINGERPRINT_KEY=") {
		t.Error("the image must not carry a key")
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"--read-only", "readOnlyRootFilesystem: true", "runAsNonRoot: true", "/var/lib/redactd", "`redactd exec`"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md does not mention %q", want)
		}
	}
}
