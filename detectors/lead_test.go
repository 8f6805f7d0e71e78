package detectors

import "testing"

func TestLeadWidth(t *testing.T) {
	tests := []struct {
		re   string
		kws  []string
		want int
		ok   bool
	}{
		{`\b(ghp_[A-Za-z0-9]{36})\b`, []string{"ghp_"}, 0, true},
		{`(?i)\b(GHP_[a-z0-9]{36})\b`, []string{"ghp_"}, 0, true},
		{`(?:^|[^A-Za-z0-9])((?:AKIA|ABIA|ACCA)[A-Z2-7]{16})`, []string{"AKIA", "ABIA", "ACCA"}, 4, true},
		{`(?:^|[^A-Za-z0-9])((?:AKIA|ABIA|ACCA)[A-Z2-7]{16})`, []string{"AKIA", "ABIA"}, 0, false}, // ACCA is no keyword
		{`(?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{34})`, []string{"Q~"}, 8, true},
		{`(?:\x1b|\\u001b)\[[0-9;]{0,12}m?(xoxb-\d+)`, []string{"xoxb-"}, 6 + 1 + 12 + 1, true},
		{`[a-z]*ghp_`, []string{"ghp_"}, 0, false}, // unbounded before the keyword
		{`abc|ghp_x`, []string{"ghp_"}, 0, false},  // top-level alternation
		{`ghp_`, []string{"xyz"}, 0, false},        // keyword not in the regex
		{`(?:token|key)=\S+`, []string{"token"}, 0, false},
		{`(?i)(?:token|key)=\S+`, []string{"TOKEN", "key"}, 0, true},
		{`(`, []string{"x"}, 0, false},
		{`(?i)sk_live_[a-z]+`, []string{"sk_"}, 0, true},
		{`x(?i:k)ghp_`, []string{"ghp_"}, 1 + 3, true}, // (?i)k also matches the 3-byte Kelvin sign
		{`.{0,2}ghp_`, []string{"ghp_"}, 8, true},
	}
	for _, tt := range tests {
		got, ok := leadWidth(tt.re, tt.kws)
		if got != tt.want || ok != tt.ok {
			t.Errorf("leadWidth(%q, %q) = %d, %v; want %d, %v", tt.re, tt.kws, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLeadTrail(t *testing.T) {
	tests := []struct {
		re          string
		kws         []string
		lead, trail int
		ok          bool
	}{
		{`\b(ghp_[A-Za-z0-9]{36})\b`, []string{"ghp_"}, 0, 40, true},
		{`(?:^|[^A-Za-z0-9])(AKIA[A-Z2-7]{16})(?:[^A-Za-z0-9]|$)`, []string{"AKIA"}, 4, 20 + 4, true},
		{`\b(glpat-[A-Za-z0-9_-]{20,})`, []string{"glpat-"}, 0, -1, true},
		{`x+ghp_`, []string{"ghp_"}, 0, -1, false},
	}
	for _, tt := range tests {
		lead, trail, ok := leadTrail(tt.re, tt.kws)
		if lead != tt.lead || trail != tt.trail || ok != tt.ok {
			t.Errorf("leadTrail(%q, %q) = %d, %d, %v; want %d, %d, %v", tt.re, tt.kws, lead, trail, ok, tt.lead, tt.trail, tt.ok)
		}
	}
}
