package build

import "sync"

// buffers keeps the storage of the certificates' own PDFs for the next
// ones: fpdf's document and page buffers and the bytes handed to the
// writers grow to about the same size for every certificate, and growing
// them from nothing, by doubling, for each was a third of all the batch
// allocated (about 550 MB of 1.6 GB for the state's 1,851 certificates),
// which made the collector run that much more often (issue 14).
type buffers struct {
	mu   sync.Mutex
	free [numBufs][][]byte
	size [numBufs]int // the largest given back
}

// The kinds of buffers.
const (
	docBuf  = iota // a whole PDF
	pageBuf        // a page's content
	numBufs
)

// maxFree bounds the buffers kept of each kind: those in use at once are
// a few per worker and writer.
const maxFree = 32

// get returns empty storage of kind k, as large as the largest given back;
// on a nil *buffers, nil.
func (b *buffers) get(k int) []byte {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if n := len(b.free[k]); n > 0 {
		s := b.free[k][n-1]
		b.free[k] = b.free[k][:n-1]
		return s
	}
	if b.size[k] == 0 {
		return nil
	}
	return make([]byte, 0, b.size[k])
}

// put gives back s, of kind k, whose bytes are not used any more.
func (b *buffers) put(k int, s []byte) {
	if b == nil || cap(s) == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if cap(s) < b.size[k] {
		return // smaller than the others: let it go
	}
	if cap(s) > b.size[k] {
		b.size[k] = cap(s)
	}
	if len(b.free[k]) < maxFree {
		b.free[k] = append(b.free[k], s[:0])
	}
}
