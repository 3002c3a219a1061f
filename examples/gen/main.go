// Command gen regenerates the example monthly IGRS rankings in
// examples/rankings/YYYY-MM.csv from examples/units.csv.
//
//	go run ./examples/gen
//
// It is deterministic: the story below is data, and every random choice
// comes from a generator seeded with a fixed seed and the month, so the
// output is identical byte for byte on every run.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

const seed = 20241130

// month is one published ranking. Months not listed here (2024-01..2024-03)
// were not published and get no file.
type month struct {
	Month string
	Max   float64 // max_score of every row that month
	// Zones: score of each zone, in units.csv order:
	// agra, bareilly, gorakhpur, kanpur, lucknow, meerut, prayagraj, varanasi.
	Zones []float64
	// Ranges and Districts at rank 1 (full score); all others score lower.
	Ranges    []string
	Districts []string
	// ThanasNotFirst: how many evaluated thanas of z-kanpur miss full score
	// (chosen at random). Unranked: thanas with no row that month.
	ThanasNotFirst int
	Unranked       []string
}

var story = []month{
	{"2023-10", 115, []float64{112.5, 110, 113.25, 115, 114, 109.5, 111, 113.25},
		[]string{"r-kanpur", "r-jhansi"},
		[]string{"d-kanpur-dehat", "d-auraiya", "d-etawah", "d-jhansi", "d-jalaun", "d-agra"}, 20, nil},
	{"2023-11", 115, []float64{114, 111.5, 112, 115, 115, 110.25, 113, 112},
		[]string{"r-kanpur"},
		[]string{"d-auraiya", "d-etawah", "d-farrukhabad", "d-kannauj", "d-mathura"}, 18, nil},
	{"2023-12", 115, []float64{113.5, 112, 114.25, 115, 113, 111.75, 112.5, 114},
		[]string{"r-kanpur", "r-jhansi", "r-agra"},
		[]string{"d-kanpur-dehat", "d-auraiya", "d-jhansi", "d-lalitpur", "d-kanpur-nagar"}, 15, nil},
	{"2024-04", 125, []float64{123, 121.5, 124, 125, 122.75, 120, 123.5, 124.5},
		[]string{"r-jhansi"},
		[]string{"d-etawah", "d-jhansi", "d-jalaun", "d-lalitpur"}, 25, nil},
	{"2024-05", 125, []float64{124, 122, 123.25, 125, 125, 121.5, 122, 123},
		[]string{"r-kanpur", "r-jhansi"},
		[]string{"d-kanpur-dehat", "d-auraiya", "d-kannauj", "d-jhansi", "d-agra", "d-mathura"}, 17, nil},
	{"2024-06", 125, []float64{123.5, 122.75, 125, 124, 124.5, 121, 122.5, 123.75},
		[]string{"r-agra"},
		[]string{"d-auraiya", "d-jalaun", "d-kanpur-nagar"}, 31, nil},
	{"2024-07", 125, []float64{124.25, 121, 123.5, 125, 124, 122.25, 123, 124.75},
		[]string{"r-kanpur"},
		[]string{"d-kanpur-dehat", "d-etawah", "d-farrukhabad", "d-lalitpur"}, 12, nil},
	{"2024-08", 125, []float64{125, 122.5, 124, 125, 123.75, 121.75, 123.25, 124.5},
		[]string{"r-kanpur", "r-agra"},
		[]string{"d-mathura"}, 22, nil},
	{"2024-09", 125, []float64{123.75, 122, 124.5, 125, 124.25, 120.5, 122.75, 123.5},
		[]string{"r-kanpur", "r-jhansi"},
		[]string{"d-auraiya", "d-etawah", "d-kannauj", "d-jhansi", "d-jalaun", "d-lalitpur"}, 16, nil},
	{"2024-10", 125, []float64{124, 123.25, 124.75, 125, 123.5, 121.25, 124, 122.5},
		[]string{"r-jhansi", "r-agra"},
		[]string{"d-kanpur-dehat", "d-farrukhabad", "d-jhansi", "d-agra"}, 13, nil},
	{"2024-11", 125, []float64{124.5, 122.75, 123.5, 125, 124.25, 121.5, 125, 124},
		[]string{"r-kanpur", "r-jhansi"},
		[]string{"d-kanpur-dehat", "d-auraiya", "d-etawah", "d-jhansi", "d-lalitpur", "d-mathura"}, 14,
		[]string{"t-kanpur-dehat-malasa", "t-farrukhabad-barhpur"}},
}

// Thanas that always get full score, so the longest names appear on
// certificates.
var alwaysFirst = []string{
	"t-kanpur-dehat-cyber", "t-jhansi-mahila-kotwali-nagar", "t-kannauj-cyber",
}

const ourZone = "z-kanpur"

type unit struct{ id, level, parent string }

func main() {
	dir := flag.String("dir", "examples", "directory holding units.csv and rankings/")
	flag.Parse()
	units := readUnits(filepath.Join(*dir, "units.csv"))
	for _, m := range story {
		if err := writeMonth(filepath.Join(*dir, "rankings", m.Month+".csv"), m, units); err != nil {
			log.Fatal(err)
		}
	}
}

func readUnits(path string) []unit {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	var us []unit
	for _, r := range rows[1:] {
		us = append(us, unit{r[0], r[1], r[2]})
	}
	return us
}

// zoneOf follows parents up to the zone ("" for a commissionerate).
func zoneOf(id string, byID map[string]unit) string {
	for id != "" {
		u := byID[id]
		if u.level == "zone" {
			return id
		}
		id = u.parent
	}
	return ""
}

type row struct {
	u     unit
	score float64
}

func writeMonth(path string, m month, units []unit) error {
	rng := rand.New(rand.NewPCG(seed, monthKey(m.Month)))
	byID := map[string]unit{}
	for _, u := range units {
		byID[u.id] = u
	}
	for _, id := range slices.Concat(m.Ranges, m.Districts, m.Unranked, alwaysFirst) {
		if _, ok := byID[id]; !ok {
			return fmt.Errorf("%s: unknown unit %q", m.Month, id)
		}
	}
	// below returns a score under full marks: max - 0.25..20 in steps of 0.25.
	below := func() float64 { return m.Max - float64(1+rng.IntN(80))*0.25 }

	// Our zone's evaluated thanas; pick which of them miss full score.
	var ours []string
	for _, u := range units {
		if u.level == "thana" && zoneOf(u.id, byID) == ourZone &&
			!slices.Contains(m.Unranked, u.id) && !slices.Contains(alwaysFirst, u.id) {
			ours = append(ours, u.id)
		}
	}
	notFirst := map[string]bool{}
	for _, i := range rng.Perm(len(ours))[:m.ThanasNotFirst] {
		notFirst[ours[i]] = true
	}

	var rows []row
	zi := 0
	for _, level := range []string{"zone", "range", "district", "thana"} {
		for _, u := range units {
			if u.level != level || slices.Contains(m.Unranked, u.id) {
				continue
			}
			var s float64
			switch level {
			case "zone":
				s = m.Zones[zi]
				zi++
			case "range":
				s = pick(slices.Contains(m.Ranges, u.id), m.Max, below)
			case "district":
				s = pick(slices.Contains(m.Districts, u.id), m.Max, below)
			case "thana":
				if zoneOf(u.id, byID) == ourZone {
					s = pick(!notFirst[u.id], m.Max, below)
				} else {
					s = pick(rng.IntN(10) < 7, m.Max, below) // outside our zone: 70% full
				}
			}
			rows = append(rows, row{u, s})
		}
	}
	if zi != len(m.Zones) {
		return fmt.Errorf("%s: %d zone scores for %d zones", m.Month, len(m.Zones), zi)
	}

	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"month", "unit", "rank", "score", "max_score"})
	for _, r := range rows {
		rank := 1
		for _, o := range rows {
			if o.u.level == r.u.level && o.score > r.score {
				rank++
			}
		}
		w.Write([]string{m.Month, r.u.id, strconv.Itoa(rank), num(r.score), num(m.Max)})
	}
	w.Flush()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func pick(first bool, full float64, below func() float64) float64 {
	if first {
		return full
	}
	return below()
}

// monthKey turns "2024-11" into 202411.
func monthKey(s string) uint64 {
	n, err := strconv.ParseUint(strings.ReplaceAll(s, "-", ""), 10, 64)
	if err != nil {
		log.Fatal(err)
	}
	return n
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
