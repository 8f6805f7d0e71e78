package loggen

import (
	"strconv"
	"time"
)

// clock is the generator's simulated wall clock. It formats timestamps in
// the layouts loggers use, caching the parts that change once a second.
type clock struct {
	ns  int64 // Unix nanoseconds
	sec int64 // second the cache below was built for

	date   [10]byte // 2024-05-14
	hms    [8]byte  // 07:58:03
	nginx  [26]byte // 14/May/2024:07:58:03 +0000
	syslog [15]byte // May 14 07:58:03
}

func (c *clock) init(ns int64) {
	c.ns = ns
	c.sec = -1
	c.refresh()
}

func (c *clock) advance(d int) {
	c.ns += int64(d)
	c.refresh()
}

func (c *clock) refresh() {
	s := c.ns / 1e9
	if s == c.sec {
		return
	}
	c.sec = s
	t := time.Unix(s, 0).UTC()
	t.AppendFormat(c.date[:0], "2006-01-02")
	t.AppendFormat(c.hms[:0], "15:04:05")
	t.AppendFormat(c.nginx[:0], "02/Jan/2006:15:04:05 -0700")
	t.AppendFormat(c.syslog[:0], "Jan _2 15:04:05")
}

// appendFrac appends the first n digits of the fraction of a second.
func (c *clock) appendFrac(dst []byte, n int) []byte {
	f := c.ns % 1e9
	var buf [9]byte
	for i := 8; i >= 0; i-- {
		buf[i] = byte('0' + f%10)
		f /= 10
	}
	return append(dst, buf[:n]...)
}

// appendRFC3339Nano: 2024-05-14T07:58:03.120016855Z
func (c *clock) appendRFC3339Nano(dst []byte) []byte {
	dst = append(dst, c.date[:]...)
	dst = append(dst, 'T')
	dst = append(dst, c.hms[:]...)
	dst = append(dst, '.')
	dst = c.appendFrac(dst, 9)
	return append(dst, 'Z')
}

// appendRFC3339Milli: 2024-05-14T07:58:03.120Z
func (c *clock) appendRFC3339Milli(dst []byte) []byte {
	dst = append(dst, c.date[:]...)
	dst = append(dst, 'T')
	dst = append(dst, c.hms[:]...)
	dst = append(dst, '.')
	dst = c.appendFrac(dst, 3)
	return append(dst, 'Z')
}

// appendSpaced: 2024-05-14 07:58:03<sep>120 (Python logging uses ',', logback '.').
func (c *clock) appendSpaced(dst []byte, sep byte) []byte {
	dst = append(dst, c.date[:]...)
	dst = append(dst, ' ')
	dst = append(dst, c.hms[:]...)
	dst = append(dst, sep)
	return c.appendFrac(dst, 3)
}

// appendUnixMilli: 1715673483120 (pino).
func (c *clock) appendUnixMilli(dst []byte) []byte {
	return strconv.AppendInt(dst, c.ns/1e6, 10)
}

// appendUnixFloat: 1715673483.120016 (zap).
func (c *clock) appendUnixFloat(dst []byte) []byte {
	dst = strconv.AppendInt(dst, c.sec, 10)
	dst = append(dst, '.')
	return c.appendFrac(dst, 6)
}
