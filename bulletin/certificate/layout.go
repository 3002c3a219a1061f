package certificate

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Layout is the certificate page's design, read from certificate-layout.toml.
// Lengths are in mm, font sizes in points.
type Layout struct {
	// Preset names the design the page takes from [presets.<name>]:
	// "ornate", "plain" or "preprinted".
	Preset  string                    `toml:"preset"`
	Presets map[string]toml.Primitive `toml:"presets"`
	// Offset moves everything drawn, for stock that a printer feeds off
	// true (preprinted): positive x to the right, y down.
	Offset struct {
		X float64 `toml:"x"`
		Y float64 `toml:"y"`
	} `toml:"offset"`
	Border struct {
		Draw       bool     `toml:"draw"`
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
	// Head is the issuer's identity at the head of the page: the emblem,
	// the organisation line and the office's name, drawn from the top
	// down; the title follows Gap below the last of them.
	Head struct {
		Emblem       bool    `toml:"emblem"` // draw office.emblem (when set)
		Org          bool    `toml:"org"`    // draw office.org_hi / org_en
		Office       bool    `toml:"office"` // draw the office's name
		Top          float64 `toml:"top"`    // page edge to the top of the emblem
		EmblemHeight float64 `toml:"emblem_height"`
		Gap          float64 `toml:"gap"`
	} `toml:"head"`
	// QR is the verification QR code at the foot, left, with the
	// verification code under it.
	QR struct {
		Size  float64  `toml:"size"` // side of the code with its quiet zone, at least 18
		Left  float64  `toml:"left"` // page edge to the quiet zone
		Color [3]uint8 `toml:"color"`
	} `toml:"qr"`
	// Seal is the marked place for the office's seal, beside the signature.
	Seal struct {
		Draw     bool     `toml:"draw"`
		Diameter float64  `toml:"diameter"`
		Color    [3]uint8 `toml:"color"`
	} `toml:"seal"`
	OrgHi     TextStyle `toml:"org_hi"`
	OrgEn     TextStyle `toml:"org_en"`
	OfficeHi  TextStyle `toml:"office_hi"`
	OfficeEn  TextStyle `toml:"office_en"`
	Code      TextStyle `toml:"code"`
	SealLabel TextStyle `toml:"seal_label"`
	Meta      TextStyle `toml:"meta"`

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
		SignatureRoom    float64 `toml:"signature_room"`
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

// Styles returns the families and weights the layout sets text in, for
// typeset.FontSet.RestrictTo: every text style's family, in both weights
// (the signatory's name is set in the bold of its style).
func (l *Layout) Styles() []typeset.Style {
	var out []typeset.Style
	v := reflect.ValueOf(l).Elem()
	for i := range v.NumField() {
		if s, ok := v.Field(i).Interface().(TextStyle); ok {
			st := s.Style()
			for _, w := range []typeset.Weight{typeset.Regular, typeset.Bold} {
				if f := (typeset.Style{Family: st.Family, Weight: w}); !slices.Contains(out, f) {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// Presets are the designs a layout may name.
var Presets = []string{"ornate", "plain", "preprinted"}

// ParseLayout reads the bundled layout and then, when override is not
// empty, the office's layout over it: settings the override leaves out keep
// the bundled values. The preset (the override's, else the bundled one)
// applies its [presets.<name>] table over the bundled settings, and the
// office's own settings and table come last. Unknown settings and bad
// values are errors naming the file.
func ParseLayout(bundled []byte, override []byte, overrideName string) (*Layout, error) {
	var l Layout
	mdB, err := decodeStrict(bundled, &l, "bundled certificate-layout.toml")
	if err != nil {
		return nil, err
	}
	presetsB := l.Presets
	var mdO toml.MetaData
	var presetsO map[string]toml.Primitive
	if len(override) > 0 {
		var o Layout
		if mdO, err = decodeStrict(override, &o, overrideName); err != nil {
			return nil, err
		}
		presetsO = o.Presets
		if o.Preset != "" {
			l.Preset = o.Preset
		}
	}
	if !slices.Contains(Presets, l.Preset) {
		return nil, fmt.Errorf("%s: preset is %q; use %s", nameOr(overrideName), l.Preset, strings.Join(Presets, ", "))
	}
	apply := func(md toml.MetaData, presets map[string]toml.Primitive, name string) error {
		if p, ok := presets[l.Preset]; ok {
			if err := md.PrimitiveDecode(p, &l); err != nil {
				return fmt.Errorf("%s: presets.%s: %v", name, l.Preset, err)
			}
		}
		return nil
	}
	if err := apply(mdB, presetsB, "bundled certificate-layout.toml"); err != nil {
		return nil, err
	}
	if len(override) > 0 {
		if _, err := toml.Decode(string(override), &l); err != nil {
			return nil, err
		}
		if err := apply(mdO, presetsO, overrideName); err != nil {
			return nil, err
		}
	}
	l.Presets = nil
	return &l, l.check(nameOr(overrideName))
}

func nameOr(name string) string {
	if name == "" {
		return "bundled certificate-layout.toml"
	}
	return name
}

// decodeStrict decodes b into l and checks that every setting, those of
// every preset table included, is one the layout has.
func decodeStrict(b []byte, l *Layout, name string) (toml.MetaData, error) {
	md, err := toml.Decode(string(b), l)
	if err != nil {
		if pe, ok := err.(toml.ParseError); ok {
			return md, fmt.Errorf("%s:%d:%d: %s; fix the TOML syntax there", name, pe.Position.Line, pe.Position.Col, pe.Message)
		}
		return md, fmt.Errorf("%s: %v", name, err)
	}
	for p, prim := range l.Presets {
		if !slices.Contains(Presets, p) {
			return md, fmt.Errorf("%s: presets.%s is not a preset; use %s", name, p, strings.Join(Presets, ", "))
		}
		var scratch Layout
		if err := md.PrimitiveDecode(prim, &scratch); err != nil {
			return md, fmt.Errorf("%s: presets.%s: %v", name, p, err)
		}
	}
	if und := md.Undecoded(); len(und) > 0 {
		var keys []string
		for _, k := range und {
			keys = append(keys, k.String())
		}
		return md, fmt.Errorf("%s: unknown setting %s; compare with the bundled templates/certificate-layout.toml", name, strings.Join(keys, ", "))
	}
	return md, nil
}

func (l *Layout) check(name string) error {
	for _, e := range []struct {
		key string
		s   TextStyle
	}{
		{"meta", l.Meta}, {"title_hi", l.TitleHi}, {"title_en", l.TitleEn}, {"unit_hi", l.UnitHi}, {"unit_en", l.UnitEn},
		{"citation_hi", l.CitationHi}, {"citation_en", l.CitationEn}, {"foot_hi", l.FootHi}, {"foot_en", l.FootEn},
		{"org_hi", l.OrgHi}, {"org_en", l.OrgEn}, {"office_hi", l.OfficeHi}, {"office_en", l.OfficeEn},
		{"code", l.Code},
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
	if l.QR.Size < 18 {
		return fmt.Errorf("%s: qr.size is %g; a QR code that phones read from print needs at least 18 mm with its quiet zone", name, l.QR.Size)
	}
	if w := pageW - l.Content.Left - l.Content.Right; w < 50 {
		return fmt.Errorf("%s: content.left and content.right leave %g mm for the text; leave at least 50", name, w)
	}
	return nil
}
