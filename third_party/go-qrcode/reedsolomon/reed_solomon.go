// go-qrcode
// Copyright 2014 Tom Harwood

// Package reedsolomon provides error correction encoding for QR Code 2005.
//
// QR Code 2005 uses a Reed-Solomon error correcting code to detect and correct
// errors encountered during decoding.
//
// The generated RS codes are systematic, and consist of the input data with
// error correction bytes appended.
package reedsolomon

import (
	"log"
	"sync"

	bitset "github.com/skip2/go-qrcode/bitset"
)

// Encode data for QR Code 2005 using the appropriate Reed-Solomon code.
//
// numECBytes is the number of error correction bytes to append, and is
// determined by the target QR Code's version and error correction level.
//
// ISO/IEC 18004 table 9 specifies the numECBytes required. e.g. a 1-L code has
// numECBytes=7.
func Encode(data *bitset.Bitset, numECBytes int) *bitset.Bitset {
	// bulletin: the remainder of data*x^numECBytes divided by the generator
	// polynomial, by the usual shift-register division over log tables: the
	// same bytes as the polynomial arithmetic it replaces, without its
	// allocations (profiled at a third of the encoding time).
	gen := generatorBytes(numECBytes)
	rem := make([]byte, numECBytes)
	for j := 0; j < data.Len(); j += 8 {
		factor := data.ByteAt(j) ^ rem[0]
		copy(rem, rem[1:])
		rem[numECBytes-1] = 0
		if factor == 0 {
			continue
		}
		lf := int(gfLogTable[factor])
		for k, g := range gen {
			if g != 0 {
				rem[k] ^= byte(gfExpTable[(int(gfLogTable[g])+lf)%255])
			}
		}
	}

	result := bitset.Clone(data)
	result.AppendBytes(rem)

	return result
}

// generators holds the coefficients of each degree's generator polynomial
// below its leading x^degree term, highest first.
var generators sync.Map

func generatorBytes(degree int) []byte {
	if g, ok := generators.Load(degree); ok {
		return g.([]byte)
	}
	poly := rsGeneratorPoly(degree)
	g := make([]byte, degree)
	for k := range g {
		g[k] = byte(poly.term[degree-1-k])
	}
	generators.Store(degree, g)
	return g
}

// rsGeneratorPoly returns the Reed-Solomon generator polynomial with |degree|.
//
// The generator polynomial is calculated as:
// (x + a^0)(x + a^1)...(x + a^degree-1)
func rsGeneratorPoly(degree int) gfPoly {
	if degree < 2 {
		log.Panic("degree < 2")
	}

	generator := gfPoly{term: []gfElement{1}}

	for i := 0; i < degree; i++ {
		nextPoly := gfPoly{term: []gfElement{gfExpTable[i], 1}}
		generator = gfPolyMultiply(generator, nextPoly)
	}

	return generator
}
