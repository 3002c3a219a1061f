package certificate

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Layout is the certificate page's design, read from certificate-layout.toml.
// Lengths are in mm, font sizes in points.
type Layout struct {
	Border struct {
		Margin     float64  `toml:"margin"`
		Width      float64  `toml:"width"`
		Gap        float64  `toml:"gap"`
		InnerWidth float64  `toml:"inner_width"`
		Corner     float64  `toml:"corner"`
		Color      [3]uint8 `toml:"color"`
	} `toml:"border"`
	Content struct {
		Left   float64 `toml:"left"`
		Right  float64 `toml:"right"`
		Top    float64 `toml:"top"`
		Bottom float64 `toml:"bottom"`
		Meta   float64 `toml:"meta"` // baseline of the number and date line, from the page top
	} `toml:"content"`
	Meta       TextStyle `toml:"meta"`
	TitleHi    TextStyle `toml:"title_hi"`
	TitleEn    TextStyle `toml:"title_en"`
	UnitHi     TextStyle `toml:"unit_hi"`
	UnitEn     TextStyle `toml:"unit_en"`
	CitationHi TextStyle `toml:"citation_hi"`
	CitationEn TextStyle `toml:"citation_en"`
	FootHi     TextStyle `toml:"foot_hi"`
	FootEn     TextStyle `toml:"foot_en"`
	Gaps       struct {
		AfterTitle       float64 `toml:"after_title"`
		AfterUnit        float64 `toml:"after_unit"`
		BetweenLanguages float64 `toml:"between_languages"`
		SignatureRule    float64 `toml:"signature_rule"`
	} `toml:"gaps"`
}

// TextStyle is how one element of the certificate is set.
type TextStyle struct {
	Family      string   `toml:"family"`
	Weight      string   `toml:"weight"`
	Size        float64  `toml:"size"`
	MinSize     float64  `toml:"min_size"` // the smallest size a long unit name may shrink to
	Color       [3]uint8 `toml:"color"`
	LineSpacing float64  `toml:"line_spacing"`
}

// Style returns the typeset style.
func (s TextStyle) Style() typeset.Style {
	st := typeset.Style{Size: s.Size, Color: typeset.Color{R: s.Color[0], G: s.Color[1], B: s.Color[2]}}
	if s.Family == "sans" {
		st.Family = typeset.Sans
	} else {
		st.Family = typeset.Serif
	}
	if s.Weight == "bold" {
		st.Weight = typeset.Bold
	}
	return st
}

// ParseLayout reads the bundled layout and then, when override is not
// empty, the office's layout over it: settings the override leaves out keep
// the bundled values. Unknown settings and bad values are errors naming the
// file.
func ParseLayout(bundled []byte, override []byte, overrideName string) (*Layout, error) {
	var l Layout
	if err := decodeStrict(bundled, &l, "bundled certificate-layout.toml"); err != nil {
		return nil, err
	}
	if len(override) > 0 {
		if err := decodeStrict(override, &l, overrideName); err != nil {
			return nil, err
		}
	}
	return &l, l.check(overrideName)
}

func decodeStrict(b []byte, l *Layout, name string) error {
	md, err := toml.Decode(string(b), l)
	if err != nil {
		if pe, ok := err.(toml.ParseError); ok {
			return fmt.Errorf("%s:%d:%d: %s; fix the TOML syntax there", name, pe.Position.Line, pe.Position.Col, pe.Message)
		}
		return fmt.Errorf("%s: %v", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		var keys []string
		for _, k := range und {
			keys = append(keys, k.String())
		}
		return fmt.Errorf("%s: unknown setting %s; compare with the bundled templates/certificate-layout.toml", name, strings.Join(keys, ", "))
	}
	return nil
}

func (l *Layout) check(name string) error {
	for _, e := range []struct {
		key string
		s   TextStyle
	}{
		{"meta", l.Meta}, {"title_hi", l.TitleHi}, {"title_en", l.TitleEn}, {"unit_hi", l.UnitHi}, {"unit_en", l.UnitEn},
		{"citation_hi", l.CitationHi}, {"citation_en", l.CitationEn}, {"foot_hi", l.FootHi}, {"foot_en", l.FootEn},
	} {
		key, s := e.key, e.s
		if s.Family != "serif" && s.Family != "sans" {
			return fmt.Errorf("%s: %s.family is %q; use \"serif\" or \"sans\"", name, key, s.Family)
		}
		if s.Weight != "" && s.Weight != "regular" && s.Weight != "bold" {
			return fmt.Errorf("%s: %s.weight is %q; use \"regular\" or \"bold\"", name, key, s.Weight)
		}
		if s.Size < 4 || s.Size > 96 {
			return fmt.Errorf("%s: %s.size is %g; use a size in points between 4 and 96", name, key, s.Size)
		}
	}
	if w := pageW - l.Content.Left - l.Content.Right; w < 50 {
		return fmt.Errorf("%s: content.left and content.right leave %g mm for the text; leave at least 50", name, w)
	}
	return nil
}
