package builtin

import "github.com/redactd/redactd/detectors"

// catalogueA lists the rule families of cloud, developer-platform and
// infrastructure providers.
func catalogueA() []detectors.Rule {
	var rs []detectors.Rule
	for _, fam := range [][]detectors.Rule{
		awsRules,
		githubRules,
	} {
		rs = append(rs, fam...)
	}
	return rs
}
