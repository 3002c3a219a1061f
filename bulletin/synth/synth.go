// Package synth makes a synthetic, state-sized data set: 8 zones, 18
// ranges, 75 districts, about 1,750 thanas and 12 months of rankings, with
// Hindi and English names. It is deterministic for a seed, and exists for
// benchmarks and load tests: the bundled example office is in examples/.
package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
)

// Size is the shape of the data set.
type Size struct {
	Zones, Ranges, Districts, Thanas, Months int
}

// State is the size of Uttar Pradesh's police.
var State = Size{Zones: 8, Ranges: 18, Districts: 75, Thanas: 1750, Months: 12}

// Scale returns s with k times the zones, ranges, districts and thanas
// (the same months): a bigger state, for showing how a batch grows.
func (s Size) Scale(k int) Size {
	return Size{Zones: s.Zones * k, Ranges: s.Ranges * k, Districts: s.Districts * k, Thanas: s.Thanas * k, Months: s.Months}
}

// Data is a generated data set as CSV files.
type Data struct {
	Units    []byte            // units.csv
	Rankings map[string][]byte // file name (YYYY-MM.csv) -> CSV
	// FirstZone is the id of the first zone, a scope with data in every month.
	FirstZone string
	// LastMonth is the newest month, YYYY-MM.
	LastMonth string
}

// syllables pair a Hindi syllable with its English spelling; names are
// made of two or three of them.
var syllables = [][2]string{
	{"राम", "Ram"}, {"पुर", "pur"}, {"नगर", "nagar"}, {"गंज", "ganj"}, {"खेड़ा", "khera"},
	{"शिव", "Shiv"}, {"कृष्ण", "Krishna"}, {"सिक", "Sik"}, {"न्दरा", "ndra"}, {"बिधू", "Bidhu"},
	{"ना", "na"}, {"अकबर", "Akbar"}, {"मूसा", "Musa"}, {"रसूला", "Rasula"}, {"बाद", "bad"},
	{"श्री", "Shri"}, {"त्रि", "Tri"}, {"वेणी", "veni"}, {"क्षेत्र", "kshetra"}, {"ज्ञान", "Gyan"},
	{"धर्म", "Dharm"}, {"कर्ण", "Karn"}, {"प्रयाग", "Prayag"}, {"द्वार", "dwar"}, {"हमीर", "Hamir"},
	{"सर्व", "Sarv"}, {"ऋषि", "Rishi"}, {"कोट", "kot"}, {"महा", "Maha"}, {"देव", "dev"},
	{"फ़तेह", "Fateh"}, {"ज़मानि", "Zamani"}, {"या", "ya"}, {"चन्द", "Chand"}, {"सिंह", "singh"},
}

func name(r *rand.Rand) (hi, en string) {
	n := 2 + r.IntN(2)
	for i := 0; i < n; i++ {
		s := syllables[r.IntN(len(syllables))]
		hi += s[0]
		en += lowerFirst(s[1])
	}
	return hi, string(en[0]-'a'+'A') + en[1:]
}

func lowerFirst(s string) string {
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

type unit struct {
	id, level, parent, hi, en string
}

// Generate makes a data set of the given size from seed.
func Generate(size Size, seed uint64) *Data {
	r := rand.New(rand.NewPCG(seed, 0x6275_6c6c_6574_696e))
	var us []unit
	us = append(us, unit{"up", "state", "", "उत्तर प्रदेश", "Uttar Pradesh"})
	var zones, ranges, districts, thanas []string
	for i := 0; i < size.Zones; i++ {
		hi, en := name(r)
		id := fmt.Sprintf("z%02d", i+1)
		zones = append(zones, id)
		us = append(us, unit{id, "zone", "up", hi, en})
	}
	for i := 0; i < size.Ranges; i++ {
		hi, en := name(r)
		id := fmt.Sprintf("r%02d", i+1)
		ranges = append(ranges, id)
		us = append(us, unit{id, "range", zones[i%len(zones)], hi, en})
	}
	for i := 0; i < size.Districts; i++ {
		hi, en := name(r)
		id := fmt.Sprintf("d%03d", i+1)
		districts = append(districts, id)
		us = append(us, unit{id, "district", ranges[i%len(ranges)], hi, en})
	}
	for i := 0; i < size.Thanas; i++ {
		hi, en := name(r)
		if i%97 == 5 {
			hi, en = "महिला थाना "+hi, "Mahila Thana "+en
		}
		id := fmt.Sprintf("t%04d", i+1)
		thanas = append(thanas, id)
		us = append(us, unit{id, "thana", districts[i%len(districts)], hi, en})
	}
	// Keep units.csv in hierarchical order, as an office would.
	order := map[string]int{"state": 0, "zone": 1, "range": 2, "district": 3, "thana": 4}
	sort.SliceStable(us, func(i, j int) bool { return order[us[i].level] < order[us[j].level] })

	var ub bytes.Buffer
	w := csv.NewWriter(&ub)
	w.Write([]string{"id", "level", "parent", "name_hi", "name_en"})
	for _, u := range us {
		w.Write([]string{u.id, u.level, u.parent, u.hi, u.en})
	}
	w.Flush()

	d := &Data{Units: ub.Bytes(), Rankings: map[string][]byte{}, FirstZone: zones[0]}
	for m := 0; m < size.Months; m++ {
		month := fmt.Sprintf("%04d-%02d", 2024+m/12, m%12+1)
		d.LastMonth = month
		var rb bytes.Buffer
		w := csv.NewWriter(&rb)
		w.Write([]string{"month", "unit", "rank", "score", "max_score"})
		for _, level := range [][]string{zones, ranges, districts, thanas} {
			scores := make([]float64, len(level))
			for i := range scores {
				// Most units reach full marks, as in the real rankings.
				if r.IntN(10) < 8 {
					scores[i] = 125
				} else {
					scores[i] = 100 + float64(r.IntN(50))/2
				}
			}
			if level[0] == zones[0] {
				scores[0] = 125 // the first zone is always first, so it is always a scope with awards
			}
			for i, id := range level {
				rank := 1
				for _, s := range scores {
					if s > scores[i] {
						rank++
					}
				}
				w.Write([]string{month, id, strconv.Itoa(rank), strconv.FormatFloat(scores[i], 'f', -1, 64), "125"})
			}
		}
		w.Flush()
		d.Rankings[month+".csv"] = rb.Bytes()
	}
	return d
}

// Write writes units.csv and rankings/*.csv into dir.
func (d *Data) Write(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "rankings"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "units.csv"), d.Units, 0o644); err != nil {
		return err
	}
	names := make([]string, 0, len(d.Rankings))
	for n := range d.Rankings {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, "rankings", n), d.Rankings[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}
