package metrics

import (
	"strings"

	"github.com/redactd/redactd/alerts"
)

// RouterStats adapts an alert router to WatchAlerts:
//
//	m.WatchAlerts(metrics.RouterStats(router))
//
// A sink's kind is the part of its name before "[" or " " ("webhook[0]
// https://host" is a webhook, "stderr" is stderr).
func RouterStats(r interface{ Stats() alerts.Stats }) func() AlertStats {
	return func() AlertStats {
		st := r.Stats()
		out := AlertStats{
			Raised:       st.Raised,
			Deduplicated: st.Deduplicated,
			Suppressed:   st.Suppressed,
			Fingerprints: st.Fingerprints,
			Sinks:        make([]AlertSinkStats, 0, len(st.Sinks)),
		}
		for _, s := range st.Sinks {
			kind, _, _ := strings.Cut(s.Name, "[")
			kind, _, _ = strings.Cut(kind, " ")
			out.Sinks = append(out.Sinks, AlertSinkStats{
				Name: s.Name, Kind: kind,
				Sent: s.Sent, Retried: s.Retried, Dropped: s.Dropped, Failed: s.Failed, Queued: s.Queued,
			})
		}
		return out
	}
}
