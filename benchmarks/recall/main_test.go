package main

import "testing"

func TestLeaked(t *testing.T) {
	const ghp = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
	tests := []struct {
		name   string
		line   string
		secret string
		public int
		want   bool
	}{
		{"whole secret", "token=" + ghp, ghp, 4, true},
		{"redacted", "token=[REDACTED:github-pat:0123456789abcdef]", ghp, 4, false},
		{"public prefix kept", "token=ghp_[REDACTED:github-pat:0123456789abcdef]", ghp, 4, false},
		{"12 bytes survive", "token=[REDACTED:x:0] tail " + ghp[len(ghp)-12:], ghp, 4, true},
		{"11 bytes survive", "token=[REDACTED:x:0] tail " + ghp[len(ghp)-11:], ghp, 4, false},
		{"long public prefix kept", "https://hooks.slack.com/services/[REDACTED:slack-webhook:0]", "https://hooks.slack.com/services/T0/B0/abcdefghijklmnop", 33, false},
		{"short secret kept", "pw=abc123", "abc123", 0, true},
		{"short secret gone", "pw=[REDACTED:password-assignment:0]", "abc123", 0, false},
	}
	for _, tt := range tests {
		if got := leaked([]byte(tt.line), tt.secret, tt.public); got != tt.want {
			t.Errorf("%s: leaked(%q, %q, %d) = %v; want %v", tt.name, tt.line, tt.secret, tt.public, got, tt.want)
		}
	}
}
