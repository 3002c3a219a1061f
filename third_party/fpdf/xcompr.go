// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"sync"

	kzlib "github.com/klauspost/compress/zlib"
)

var xmem = xmempool{
	Pool: sync.Pool{
		New: func() any {
			var m membuffer
			return &m
		},
	},
}

type xmempool struct{ sync.Pool }

// bulletin patch: zlib writers (klauspost/compress at ZlibLevel), reused
// by xmempool.compress
// and, through ZlibWriter and PutZlibWriter, by bulletin's own streams.
// A free list, not a sync.Pool: a pool is emptied by the collections (a
// batch of certificates has about a hundred), and several pools (fpdf's,
// bulletin's pages, font programs and CMaps) each kept writers of their
// own: about 1 MB of state each, about 13 MB live in all.
var zfree struct {
	sync.Mutex
	ws []*kzlib.Writer
}

// ZlibLevel (a bulletin patch) is the level of ZlibWriter's writers:
// github.com/klauspost/compress's zlib at level 2 writes the same format as
// compress/zlib (any reader inflates it), as small as compress/zlib's
// BestSpeed in a third of its time. Small streams (a certificate's page,
// its cut font programs and their CMaps, compressed for each document)
// spent most of compress/flate's time building Huffman tables (issue 14).
// Levels 3 and 5 make a certificate 0.6 and 1.3 KB smaller for 15 % and
// 55 % more time (bulletin's README, Speed).
const ZlibLevel = 2

// maxFreeZlib bounds the writers kept: a few more than are in use at once
// (one per goroutine compressing).
const maxFreeZlib = 8

// ZlibWriter (a bulletin patch) returns a zlib writer at ZlibLevel that
// writes to w, made anew or reused (Reset: the same bytes as a new one).
// Give it back with PutZlibWriter once closed.
func ZlibWriter(w io.Writer) *kzlib.Writer {
	zfree.Lock()
	n := len(zfree.ws)
	if n == 0 {
		zfree.Unlock()
		zw, err := kzlib.NewWriterLevel(w, ZlibLevel)
		if err != nil {
			panic(fmt.Errorf("could not create zlib writer: %w", err))
		}
		return zw
	}
	zw := zfree.ws[n-1]
	zfree.ws = zfree.ws[:n-1]
	zfree.Unlock()
	zw.Reset(w)
	return zw
}

// PutZlibWriter (a bulletin patch) gives back a writer of ZlibWriter,
// which must not be used after.
func PutZlibWriter(zw *kzlib.Writer) {
	zw.Reset(nil) // let go of the output
	zfree.Lock()
	defer zfree.Unlock()
	if len(zfree.ws) < maxFreeZlib {
		zfree.ws = append(zfree.ws, zw)
	}
}

func (pool *xmempool) compress(data []byte) *membuffer {
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(data))

	// bulletin patch: a zlib writer reused (ZlibWriter), instead of about
	// 1 MB of new, zeroed state per stream.
	zw := ZlibWriter(buf)
	defer PutZlibWriter(zw)
	_, err := zw.Write(data)
	if err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}

	err = zw.Close()
	if err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	return mem
}

func (pool *xmempool) uncompress(data []byte) (*membuffer, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}

	mem := pool.Get().(*membuffer)
	mem.buf.Reset()

	_, err = mem.buf.ReadFrom(zr)
	if err != nil {
		mem.release()
		return nil, err
	}

	return mem, nil
}

type membuffer struct {
	buf bytes.Buffer
}

func (mem *membuffer) bytes() []byte { return mem.buf.Bytes() }
func (mem *membuffer) release() {
	mem.buf.Reset()
	xmem.Put(mem)
}

func (mem *membuffer) copy() []byte {
	src := mem.bytes()
	dst := make([]byte, len(src))
	copy(dst, src)
	return dst
}
