package alerts

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
)

// fileSender appends alerts as JSON lines and fsyncs after each batch. The
// file is created with mode 0600; Router.Reopen makes it reopen the path
// before its next write (logrotate).
type fileSender struct {
	path   string
	f      *os.File
	buf    []byte
	reopen atomic.Bool
}

func openAlertFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func newFileSender(path string) (*fileSender, error) {
	f, err := openAlertFile(path)
	if err != nil {
		return nil, err
	}
	return &fileSender{path: path, f: f}, nil
}

func (s *fileSender) send(_ context.Context, batch []*Alert) error {
	if s.reopen.Swap(false) || s.f == nil {
		if s.f != nil {
			s.f.Close()
			s.f = nil
		}
		f, err := openAlertFile(s.path)
		if err != nil {
			return fmt.Errorf("reopen alert file: %w", err)
		}
		s.f = f
	}
	s.buf = s.buf[:0]
	for _, a := range batch {
		b, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("encode alert: %w", err)
		}
		s.buf = append(append(s.buf, b...), '\n')
	}
	if _, err := s.f.Write(s.buf); err != nil {
		return fmt.Errorf("write alert file: %w", err)
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("sync alert file: %w", err)
	}
	return nil
}

func (s *fileSender) close() error {
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}

// writerSender writes alerts to an io.Writer (stderr): human-readable text
// or JSON lines, one Write per alert.
type writerSender struct {
	w      io.Writer
	format string
}

func (s *writerSender) send(_ context.Context, batch []*Alert) error {
	for _, a := range batch {
		var b []byte
		if s.format == FormatJSON {
			j, err := json.Marshal(a)
			if err != nil {
				return fmt.Errorf("encode alert: %w", err)
			}
			b = append(j, '\n')
		} else {
			b = []byte(strings.TrimSuffix(a.Text(), "\n") + "\n")
		}
		if _, err := s.w.Write(b); err != nil {
			return fmt.Errorf("write alert: %w", err)
		}
	}
	return nil
}

func (s *writerSender) close() error { return nil }
