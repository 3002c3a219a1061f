// Command synth writes a synthetic, state-sized data set (units.csv and a
// rankings folder) for trying bulletin at scale:
//
//	go run ./cmd/synth -out /tmp/state
//	go run ./cmd/synth -out /tmp/state4 -scale 4   # 4x the units, for memory that must stay flat
//	go run ./cmd/bulletin build --units /tmp/state/units.csv --rankings /tmp/state/rankings --scope up
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/igrs-pro/bulletin/bulletin/synth"
)

func main() {
	out := flag.String("out", "state", "folder to write units.csv and rankings/ into")
	seed := flag.Uint64("seed", 1, "random seed")
	scale := flag.Int("scale", 1, "how many times the state's zones, ranges, districts and thanas")
	flag.Parse()
	if *scale < 1 {
		fmt.Fprintln(os.Stderr, "synth: -scale must be 1 or more")
		os.Exit(2)
	}
	if err := synth.Generate(synth.State.Scale(*scale), *seed).Write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}
