// Command export writes the data of Benchmark200Certificates (bulletin/cli:
// a synthetic zone of 200 units, seed 1, every unit earning a certificate)
// to a folder, and the certificates bulletin composes from it as JSON, so
// that bench/typst/certs.js typesets the same texts with typst.ts:
//
//	go run ./bench/typst/export -out /tmp/b200
//
// It writes OUT/units.csv, OUT/rankings/ and OUT/certificates.json. The
// numbers are those a new register gives; the verification codes are a
// preview's (zeros, the same length as the register's).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/cli"
	"github.com/igrs-pro/bulletin/bulletin/plan"
	"github.com/igrs-pro/bulletin/bulletin/synth"
)

// size is bench200 of bulletin/cli/bench_test.go.
var size = synth.Size{Zones: 1, Ranges: 2, Districts: 8, Thanas: 189, Months: 12}

// cert is one certificate as certs.js reads it.
type cert struct {
	Unit       string             `json:"unit"`
	Level      string             `json:"level"`
	NumberLine string             `json:"number_line"`
	DateLine   string             `json:"date_line"`
	CodeLine   string             `json:"code_line"`
	Org        map[string]string  `json:"org"`
	Office     map[string]string  `json:"office"`
	Texts      []certificate.Text `json:"texts"`
	QR         []string           `json:"qr"` // rows of the QR code with its quiet zone, '#' dark
}

func main() {
	out := flag.String("out", "b200", "folder to write the data and certificates.json into")
	config := flag.String("config", "config.toml", "office settings (the repository's)")
	flag.Parse()
	if err := run(*out, *config); err != nil {
		fmt.Fprintln(os.Stderr, "export:", err)
		os.Exit(1)
	}
}

func run(out, config string) error {
	if err := synth.Generate(size, 1).Write(out); err != nil {
		return err
	}
	g := &cli.Globals{Config: config, Units: filepath.Join(out, "units.csv"), Rankings: filepath.Join(out, "rankings"),
		Scope: "up", Out: out, Set: []string{"certificates.best_rank=1000000"}}
	env, err := g.Load()
	if err != nil {
		return err
	}
	m, err := env.Month("")
	if err != nil {
		return err
	}
	date, err := plan.Date("", m)
	if err != nil {
		return err
	}
	layout, err := env.CertificateLayout()
	if err != nil {
		return err
	}
	o := plan.Options{Month: m, Date: date, Layout: layout}
	refs, _, err := env.Inputs.Certificates(o)
	if err != nil {
		return err
	}
	comp, err := env.Inputs.Composer(o)
	if err != nil {
		return err
	}
	var list []cert
	for _, r := range refs {
		c, err := comp.Compose(r)
		if err != nil {
			return err
		}
		q, err := qrcode.New(c.Verification.Payload, qrcode.Medium)
		if err != nil {
			return err
		}
		var rows []string
		for _, row := range q.Bitmap() {
			b := make([]byte, len(row))
			for i, dark := range row {
				b[i] = ".#"[btoi(dark)]
			}
			rows = append(rows, string(b))
		}
		list = append(list, cert{Unit: c.Award.Unit.ID, Level: c.Award.Unit.Level.String(), NumberLine: c.NumberLine,
			DateLine: c.DateLine, CodeLine: c.CodeLine, Org: c.Identity.Org, Office: c.Identity.Office, Texts: c.Texts, QR: rows})
	}
	b, err := json.MarshalIndent(list, "", " ")
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%d certificates, %s, month %s\n", len(list), out, m)
	return os.WriteFile(filepath.Join(out, "certificates.json"), b, 0o644)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
