package build

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/pdfjoin"
)

// joined is a document of certificate pages written as they are drawn:
// the print file or a bundle.
type joined struct {
	path string // relative to the month's folder
	t    *output.Temp
	w    *pdfjoin.Writer
	res  certificate.Resources
}

// joiner writes the print file and the bundles from the certificates'
// pages in the order of the certificates, as they are drawn: a page drawn
// ahead of its turn waits (at most window pages wait), a page written is
// let go. Only each document's resources (fonts and the codes drawn of
// them, emblems) and page offsets are kept until the end.
type joiner struct {
	docs []*joined // the print file, then the bundles by name
	// bundle is, by certificate, the index in docs of the bundle holding
	// its page (0: none; the print file holds every page).
	bundle []int32
	window chan struct{}

	mu      sync.Mutex
	pending map[int]*certificate.Page
	next    int
	err     error
	scratch []byte // a page's bytes as written (pdfjoin.Writer.AddPageBuf)
}

// joinedPaths lists the documents made of the certificates' pages: the
// print file, then the bundles by name.
func (p Plan) joinedPaths() []string {
	if len(p.Certificates) == 0 {
		return nil
	}
	paths := []string{CombinedPath(p.Month)}
	for _, name := range sortedKeys(p.Bundles) {
		paths = append(paths, BundlePath(name))
	}
	return paths
}

// newJoiner starts writing p's print file and bundles (under temporary
// names) in batch; window is how many drawn pages may wait their turn.
func newJoiner(p Plan, batch output.Batch, window int) (*joiner, error) {
	j := &joiner{bundle: make([]int32, len(p.Certificates)), window: make(chan struct{}, window), pending: map[int]*certificate.Page{}}
	names := sortedKeys(p.Bundles)
	for b, name := range names {
		idx := p.Bundles[name]
		if !slices.IsSorted(idx) || len(slices.Compact(slices.Clone(idx))) != len(idx) {
			return nil, fmt.Errorf("build: bundle %s lists its certificates out of order", name)
		}
		for _, i := range idx {
			if i < 0 || i >= len(p.Certificates) {
				return nil, fmt.Errorf("build: bundle %s lists certificate %d of %d", name, i, len(p.Certificates))
			}
			if j.bundle[i] != 0 {
				return nil, fmt.Errorf("build: certificate %d is in bundles %s and %s", i, names[j.bundle[i]-1], name)
			}
			j.bundle[i] = int32(b + 1)
		}
	}
	proto, err := p.prototype()
	if err != nil {
		return nil, err
	}
	for d, path := range p.joinedPaths() {
		t, err := batch.Create(filepath.Join(p.Dir, path))
		if err != nil {
			j.abort()
			return nil, err
		}
		j.docs = append(j.docs, &joined{path: path, t: t})
		if j.docs[d].w, err = pdfjoin.New(t, proto); err != nil {
			j.abort()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return j, nil
}

// prototype returns the prototype (see pdfjoin) of each of joinedPaths: a
// resource document of the certificates' emblem, without fonts, which
// gives the file's PDF version and its pages' dictionaries. The batch's
// certificates have one issuer (Composer.Identity), so every joined
// document has the same.
func (p Plan) prototype() ([]byte, error) {
	var r certificate.Resources
	r.Expect(p.Composer.Identity(), p.Layout)
	return r.Document("IGRS "+p.Month, p.Date)
}

// wait takes a place in the window for certificate i's page, before it
// is drawn.
func (j *joiner) wait(ctx context.Context) error {
	select {
	case j.window <- struct{}{}:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// put writes certificate i's page (its own PDF written already) into
// the documents holding it, with every page before it that waited.
func (j *joiner) put(i int, pg *certificate.Page) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.pending[i] = pg
	for j.err == nil {
		pg := j.pending[j.next]
		if pg == nil {
			break
		}
		delete(j.pending, j.next)
		stream := pg.Stream()
		if stream == nil {
			j.err = fmt.Errorf("build: the page of certificate %d was not written into its own PDF first", j.next)
			break
		}
		for _, d := range j.holding(j.next) {
			doc := j.docs[d]
			var err error
			if j.scratch, err = doc.w.AddPageBuf(j.scratch, stream); err != nil {
				j.err = err
				break
			}
			doc.res.Add(pg)
		}
		j.next++
		<-j.window
	}
	return j.err
}

// holding returns the documents that hold certificate i's page: the
// print file and its bundle, if any.
func (j *joiner) holding(i int) []int32 {
	if b := j.bundle[i]; b != 0 {
		return []int32{0, b}
	}
	return []int32{0}
}

// finish writes the end of document d (its fonts, cut to the codes its
// pages drew, its page tree and cross-references) and gives it its name.
// It returns the bytes written.
func (j *joiner) finish(p Plan, d int) (int64, error) {
	doc := j.docs[d]
	if doc.w.Pages() == 0 || j.next != len(j.bundle) {
		return 0, fmt.Errorf("%s: %d pages of %d certificates written", doc.path, doc.w.Pages(), len(j.bundle))
	}
	res, err := doc.res.Document("IGRS "+p.Month, p.Date)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", doc.path, err)
	}
	if err := doc.w.Close(res); err != nil {
		return 0, fmt.Errorf("%s: %w", doc.path, err)
	}
	if err := doc.t.Commit(); err != nil {
		return 0, err
	}
	return doc.w.Size(), nil
}

// abort removes the documents not finished.
func (j *joiner) abort() {
	for _, d := range j.docs {
		d.t.Abort()
	}
}
