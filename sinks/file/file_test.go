package file

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/redactd/redactd/pipeline"
)

func recs(lines ...string) []pipeline.Record {
	out := make([]pipeline.Record, len(lines))
	for i, l := range lines {
		out[i].Line = []byte(l)
	}
	return out
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string // substring of the error, "" for none
	}{
		{"defaults", Config{Path: "/x"}, ""},
		{"no path", Config{}, "path: required"},
		{"mode ok", Config{Path: "/x", Mode: "0640"}, ""},
		{"mode not octal", Config{Path: "/x", Mode: "0689"}, `mode: want an octal permission such as "0640", got "0689"`},
		{"mode too big", Config{Path: "/x", Mode: "7777"}, "mode:"},
		{"fsync none", Config{Path: "/x", Fsync: "none"}, ""},
		{"fsync interval", Config{Path: "/x", Fsync: "2s"}, ""},
		{"fsync bad", Config{Path: "/x", Fsync: "sometimes"}, `fsync: want "batch", "none" or a positive duration such as "1s", got "sometimes"`},
		{"fsync negative", Config{Path: "/x", Fsync: "-1s"}, "fsync:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate(%+v) = %v; want nil", tt.cfg, err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate(%+v) = %v; want error containing %q", tt.cfg, err, tt.want)
			}
		})
	}
}

func TestWrite(t *testing.T) {
	for _, fsync := range []string{"", "none", "1ms"} {
		t.Run("fsync="+fsync, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out.log")
			s, err := NewSink(Config{Path: path, Mode: "0640", Fsync: fsync}, nil)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			last := recs("partial")
			last[0].NoNewline = true
			for _, b := range [][]pipeline.Record{recs("a", "b"), recs(""), last, recs(" rest")} {
				if err := s.Write(ctx, b); err != nil {
					t.Fatalf("Write: %v", err)
				}
			}
			if err := s.Close(ctx); err != nil {
				t.Fatalf("Close: %v", err)
			}
			got, _ := os.ReadFile(path)
			if want := "a\nb\n\npartial rest\n"; string(got) != want {
				t.Errorf("file = %q; want %q", got, want)
			}
			fi, _ := os.Stat(path)
			if fi.Mode().Perm() != 0o640 {
				t.Errorf("mode = %v; want 0640", fi.Mode().Perm())
			}
			if err := s.Write(ctx, recs("x")); err == nil || !strings.Contains(err.Error(), path) {
				t.Errorf("Write after Close = %v; want an error naming %s", err, path)
			}
		})
	}
}

func TestErrorsNamePath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nodir", "out.log")
	if _, err := NewSink(Config{Path: missing}, nil); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("NewSink(%s) = %v; want an error naming the path", missing, err)
	}
	// /dev/full fails every write with ENOSPC: a full disk.
	s, err := NewSink(Config{Path: "/dev/full", Fsync: "none"}, nil)
	if err != nil {
		t.Fatalf("NewSink(/dev/full): %v", err)
	}
	defer s.Close(context.Background())
	if err := s.Write(context.Background(), recs("line")); err == nil || !strings.Contains(err.Error(), "/dev/full") {
		t.Errorf("Write to /dev/full = %v; want an error naming /dev/full", err)
	}
}

// TestReopen rotates the output by rename while a writer writes, as
// logrotate and SIGHUP do: every line ends up in one of the two files, whole.
func TestReopen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.log")
	s, err := NewSink(Config{Path: path, Fsync: "none"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range n {
			if err := s.Write(context.Background(), recs(fmt.Sprintf("line %d", i))); err != nil {
				t.Errorf("Write: %v", err)
				return
			}
		}
	})
	wg.Go(func() {
		for i := range 5 {
			if err := os.Rename(path, fmt.Sprintf("%s.%d", path, i)); err != nil {
				t.Errorf("rename: %v", err)
			}
			if err := s.Reopen(); err != nil {
				t.Errorf("Reopen: %v", err)
			}
		}
	})
	wg.Wait()
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(path + "*")
	seen := map[string]bool{}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if l != "" {
				seen[l] = true
			}
		}
	}
	for i := range n {
		if l := fmt.Sprintf("line %d", i); !seen[l] {
			t.Fatalf("%q missing after reopen; files %v", l, files)
		}
	}
	if err := s.Reopen(); err == nil {
		t.Errorf("Reopen after Close = nil; want an error")
	}
}

func Example() {
	dir, _ := os.MkdirTemp("", "redactd-sink-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "redacted.log")

	s, err := NewSink(Config{Path: path}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	batch := []pipeline.Record{
		{Line: []byte("login ok user=alice")},
		{Line: []byte("token=[REDACTED:github-pat:0123456789abcdef]")},
	}
	if err := s.Write(context.Background(), batch); err != nil { // durable when it returns
		fmt.Println(err)
	}
	s.Close(context.Background())

	b, _ := os.ReadFile(path)
	fmt.Print(string(b))
	// Output:
	// login ok user=alice
	// token=[REDACTED:github-pat:0123456789abcdef]
}

// TestConfigTOML decodes every key the way cmd/redactd does.
func TestConfigTOML(t *testing.T) {
	var got Config
	md, err := toml.Decode("name = \"out\"\npath = \"/var/log/redacted.log\"\nmode = \"0640\"\nfsync = \"1s\"\n", &got)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		t.Errorf("undecoded keys %v", u)
	}
	if want := (Config{Name: "out", Path: "/var/log/redacted.log", Mode: "0640", Fsync: "1s"}); got != want {
		t.Errorf("Decode = %+v; want %+v", got, want)
	}
}

// A sink pointed at a FIFO (fsync = "batch", the default) writes and closes
// without the EINVAL that fsync gives on a pipe.
func TestFIFOSink(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(p) // blocks until the sink opens the write end
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	s, err := NewSink(Config{Path: p}, nil)
	if err != nil {
		t.Fatalf("NewSink(fifo) = %v", err)
	}
	if err := s.Write(context.Background(), []pipeline.Record{{Line: []byte("one")}}); err != nil {
		t.Fatalf("Write to a FIFO = %v", err)
	}
	if err := s.Close(context.Background()); err != nil {
		t.Fatalf("Close of a FIFO sink = %v", err)
	}
	if b := <-got; string(b) != "one\n" {
		t.Fatalf("FIFO got %q", b)
	}
}
