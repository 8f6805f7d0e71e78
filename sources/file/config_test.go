package file

import (
	"reflect"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// TestConfigTOML decodes every key the way cmd/redactd does.
func TestConfigTOML(t *testing.T) {
	const in = `
name = "app"
paths = ["/var/log/app/*.log"]
exclude = ["*.gz"]
start_at = "beginning"
poll_interval = "100ms"
glob_interval = "2s"
idle_timeout = "1m"
close_inactive = "10m"
max_line_bytes = 65536
checkpoint_interval = "5s"
batch_lines = 500
batch_bytes = 131072
batch_wait = "2ms"
drain_timeout = "20s"
fingerprint_bytes = 512
`
	var got Config
	md, err := toml.Decode(in, &got)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		t.Errorf("undecoded keys %v", u)
	}
	want := Config{
		Name: "app", Paths: []string{"/var/log/app/*.log"}, Exclude: []string{"*.gz"}, StartAt: "beginning",
		PollInterval: 100 * time.Millisecond, GlobInterval: 2 * time.Second, IdleTimeout: time.Minute,
		CloseInactive: 10 * time.Minute, MaxLineBytes: 65536, CheckpointInterval: 5 * time.Second,
		BatchLines: 500, BatchBytes: 131072, BatchWait: 2 * time.Millisecond, DrainTimeout: 20 * time.Second,
		FingerprintBytes: 512,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Decode = %+v; want %+v", got, want)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("Validate() = %v; want nil", err)
	}
	d := Config{Paths: []string{"/x"}}.withDefaults()
	if d.StartAt != "end" || d.PollInterval != DefaultPollInterval || d.MaxLineBytes != 1<<20 || d.BatchBytes != 64<<10 || d.BatchLines != 1000 || d.CheckpointInterval != time.Second {
		t.Errorf("withDefaults() = %+v; want the documented defaults", d)
	}
}
