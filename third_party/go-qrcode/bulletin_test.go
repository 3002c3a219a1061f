package qrcode

import (
	"crypto/sha256"
	"fmt"
	"testing"
)

// TestSameAsUpstream: bulletin's patches (table-driven Reed-Solomon,
// penalty scores over rows) leave every module as upstream's encoder
// (v0.0.0-20200617195104-da1b6568686e) made it: the hash of 3,000 level-M
// symbols, payloads shaped like the certificates', was recorded with the
// unpatched module.
func TestSameAsUpstream(t *testing.T) {
	h := sha256.New()
	for i := range 3000 {
		p := fmt.Sprintf("n=UP/IGRS/2024-11/THN/%04d;c=%010X", i, i*7919+12345)
		if i%3 == 1 {
			p = fmt.Sprintf("https://up-police.example.gov.in/pro/verify?n=UP%%2FIGRS%%2F2024-11%%2F%d&c=%010X", i, i*104729)
		}
		if i%3 == 2 {
			p = fmt.Sprintf("%d;x", i*i)
		}
		q, err := New(p, Medium)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range q.Bitmap() {
			for _, b := range row {
				if b {
					h.Write([]byte{1})
				} else {
					h.Write([]byte{0})
				}
			}
			h.Write([]byte{2})
		}
	}
	const want = "56ac6aa068412a036acb3e14d920066de47ee5b8f1686738899060f9877863ba"
	if got := fmt.Sprintf("%x", h.Sum(nil)); got != want {
		t.Errorf("modules hash %s, upstream's %s", got, want)
	}
}
