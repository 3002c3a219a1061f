package cli

import (
	"errors"
	"fmt"

	"github.com/igrs-pro/bulletin/bulletin/build"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// checkSettings finds, before anything is drawn or written, a character
// that no bundled font has in a setting the documents print (an emoji in
// office.email), naming the key.
func (e *Env) checkSettings(set *typeset.FontSet) error {
	where := e.ConfigPath
	if where == "" {
		where = "config.toml"
	}
	for _, s := range e.Config.Printed() {
		var ce *typeset.CharError
		if err := set.Check(s.Value); errors.As(err, &ce) {
			return fmt.Errorf("%s: %s holds %U %q, which no bundled font can draw; remove it or replace it with a character the fonts have", where, s.Key, ce.Char, string(ce.Char))
		}
	}
	return nil
}

// drawAll draws every document of p as build would, and writes nothing:
// what validate accepts, build completes (a name too long for its
// certificate is found here, with its row in the units file).
func drawAll(set *typeset.FontSet, data *dataset.Data, p build.Plan) error {
	ts, err := typeset.NewTypesetter(set, "mm")
	if err != nil {
		return err
	}
	for _, d := range p.PDFs {
		if _, err := d.Draw(ts); err != nil {
			return fmt.Errorf("%s: %w", d.Path, err)
		}
	}
	for i, c := range p.Certificates {
		if _, _, err := build.DrawCertificate(ts, p, i); err != nil {
			id := c.Award.Unit.ID
			u, _ := data.Unit(id)
			msg := fmt.Sprintf("%s: the certificate of unit %q does not fit its page: %v", u.Pos, id, err)
			if par := c.Award.Parent; par != nil {
				pu, _ := data.Unit(par.ID)
				msg += fmt.Sprintf("; or shorten the names of %q here or of %q at %s", id, par.ID, pu.Pos)
			}
			return errors.New(msg)
		}
	}
	return nil
}
