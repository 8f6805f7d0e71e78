package pipeline

import "testing"

func TestWatermark(t *testing.T) {
	w := NewWatermark(100)
	w.Add(100, 150)
	w.Add(150, 170)
	w.Add(180, 200) // a gap the source skipped
	steps := []struct {
		ack  int64
		want int64
	}{
		{150, 100}, // out of order: nothing below 150 is done yet
		{180, 100},
		{100, 200},
	}
	for _, s := range steps {
		if got := w.Ack(s.ack); got != s.want {
			t.Fatalf("Ack(%d) = %d; want %d", s.ack, got, s.want)
		}
	}
	if w.Pending() != 0 || w.Committed() != 200 {
		t.Fatalf("Pending() = %d, Committed() = %d; want 0, 200", w.Pending(), w.Committed())
	}
}
