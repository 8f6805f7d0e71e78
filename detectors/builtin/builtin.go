// Package builtin is redactd's catalogue of provider credential formats, as
// data: one file per provider family, each beside its true- and
// false-positive test table.
package builtin

import "github.com/redactd/redactd/detectors"

// Rules returns the built-in rules. The slice is new on each call.
func Rules() []detectors.Rule {
	var rs []detectors.Rule
	rs = append(rs, catalogueA()...)
	rs = append(rs, catalogueB()...)
	return rs
}
