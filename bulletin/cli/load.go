package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/spf13/cobra"

	"github.com/igrs-pro/bulletin/bulletin/card"
	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/internal/readfile"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/plan"
	"github.com/igrs-pro/bulletin/bulletin/press"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
	"github.com/igrs-pro/bulletin/locales"
	"github.com/igrs-pro/bulletin/templates"
)

// defaultConfig is read when --config is not given and it exists.
const defaultConfig = "config.toml"

// Globals are the flags every command takes; each overrides config.toml.
type Globals struct {
	Config   string
	Units    string
	Rankings string
	Scope    string
	Out      string
	Set      []string
}

func (g *Globals) register(cmd *cobra.Command) {
	fl := cmd.PersistentFlags()
	fl.StringVar(&g.Config, "config", "", "office settings file (default ./config.toml when it exists)")
	fl.StringVar(&g.Units, "units", "", "units file, CSV or xlsx (overrides units in config.toml)")
	fl.StringVar(&g.Rankings, "rankings", "", "rankings file (CSV or xlsx) or folder of them (overrides rankings)")
	fl.StringVar(&g.Scope, "scope", "", "id of the unit whose results are announced (overrides scope)")
	fl.StringVar(&g.Out, "out", "", "output folder, or - for standard output where a command allows it (overrides out)")
	fl.StringArrayVar(&g.Set, "set", nil, "override any other setting of config.toml, e.g. --set hindi.digits=devanagari (repeatable)")
}

// officeConfig reads config.toml (when --config names one or ./config.toml
// exists) and applies --set over it, without asking for the data settings:
// what a command that needs only the office's settings (note) reads. It
// returns the config file's path ("" for none).
func (g *Globals) officeConfig() (config.Config, string, error) {
	path := g.Config
	if path == "" {
		if _, err := os.Stat(defaultConfig); err == nil {
			path = defaultConfig
		}
	}
	c := config.Default()
	if path != "" {
		var err error
		if c, err = config.Load(path); err != nil {
			return c, path, err
		}
	}
	for _, kv := range g.Set {
		if err := applySet(&c, kv); err != nil {
			return c, path, err
		}
	}
	return c, path, c.Check("--set")
}

// LoadConfig reads config.toml and applies the global flags over it; the
// data settings (units, rankings, scope) must end up set.
func (g *Globals) LoadConfig() (config.Config, string, error) {
	c, path, err := g.officeConfig()
	if err != nil {
		return c, path, err
	}
	for _, o := range []struct {
		flag string
		dst  *string
	}{{g.Units, &c.Units}, {g.Rankings, &c.Rankings}, {g.Scope, &c.Scope}, {g.Out, &c.Out}} {
		if o.flag != "" {
			*o.dst = o.flag
		}
	}
	var missing []string
	if c.Units == "" {
		missing = append(missing, "units (--units)")
	}
	if c.Rankings == "" {
		missing = append(missing, "rankings (--rankings)")
	}
	if c.Scope == "" {
		missing = append(missing, "scope (--scope)")
	}
	if len(missing) > 0 {
		where := "no config.toml was found"
		if path != "" {
			where = path + " does not set them"
		}
		return c, path, fmt.Errorf("%s: set %s in config.toml or by flag", where, strings.Join(missing, ", "))
	}
	return c, path, nil
}

// applySet applies one --set key=value to c, as if it were written in
// config.toml. A value that is not valid TOML is taken as a string.
func applySet(c *config.Config, kv string) error {
	key, val, ok := strings.Cut(kv, "=")
	key = strings.TrimSpace(key)
	if !ok || key == "" {
		return fmt.Errorf("--set %q: write it as key=value, e.g. --set hindi.digits=devanagari", kv)
	}
	table, name := "", key
	if i := strings.LastIndex(key, "."); i >= 0 {
		table, name = key[:i], key[i+1:]
	}
	doc := func(v string) string {
		if table == "" {
			return name + " = " + v
		}
		return "[" + table + "]\n" + name + " = " + v
	}
	var probe map[string]any
	if _, err := toml.Decode(doc(val), &probe); err != nil {
		val = fmt.Sprintf("%q", val)
	}
	md, err := toml.Decode(doc(val), c)
	if err != nil {
		return fmt.Errorf("--set %s: %v", kv, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return fmt.Errorf("--set %s: unknown setting %q; see config.toml for the settings", kv, und[0].String())
	}
	return nil
}

// Env is everything a command works from, loaded and checked.
type Env struct {
	plan.Inputs
	ConfigPath string // the config file read, "" for none
	// Warnings are rankings that look wrong but may be right; validate and
	// build print them.
	Warnings dataset.Problems
}

// Load reads the configuration, the data, the catalogs and the templates,
// and checks them all before anything is written.
func (g *Globals) Load() (*Env, error) {
	c, path, err := g.LoadConfig()
	if err != nil {
		return nil, err
	}
	env := &Env{Inputs: plan.Inputs{Config: c}, ConfigPath: path}
	env.Emblem = func() ([]byte, string, error) { return readEmblem(c.Office.Emblem, path) }
	var errs []error
	if env.Data, err = dataset.LoadWith(c.Units, c.Rankings, dataset.Options{UnitsSheet: c.UnitsSheet, RankingsSheet: c.RankingsSheet}); err != nil {
		errs = append(errs, err)
	} else {
		var rankErrs dataset.Problems
		if rankErrs, env.Warnings = dataset.CheckRanks(env.Data); len(rankErrs) > 0 {
			errs = append(errs, rankErrs)
		}
	}
	if env.Catalog, err = loadCatalog(c.Locales); err != nil {
		errs = append(errs, err)
	}
	if tfs, err := overlay(templates.FS, "templates", c.Templates, readfile.MaxTemplate); err != nil {
		errs = append(errs, err)
	} else if env.Templates, err = press.LoadTemplates(tfs); err != nil {
		errs = append(errs, err)
	}
	if env.Catalog != nil && env.Templates != nil {
		if err := env.Catalog.Require(env.Templates.MessageIDs()); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if _, ok := env.Data.Unit(c.Scope); !ok {
		return nil, fmt.Errorf("scope unit %q is not in %s; set scope in config.toml or --scope to a unit id", c.Scope, c.Units)
	}
	return env, nil
}

// Month returns the month named by flag, or the latest month in the data.
func (e *Env) Month(flag string) (dataset.Month, error) {
	if flag != "" {
		return plan.Month(flag)
	}
	m, ok := e.Data.Latest()
	if !ok {
		return m, errors.New("the rankings hold no month")
	}
	return m, nil
}

// dirFS returns the office's folder dir of setting key (nil when not set),
// whose files are read only when they are regular files of at most max
// bytes (see readfile.Dir).
func dirFS(key, dir string, max int64) (fs.FS, error) {
	if dir == "" {
		return nil, nil
	}
	fsys, err := readfile.Dir(dir, max)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %v; set %s in config.toml to the office's folder of %s, or leave it out to use the bundled ones", key, dir, errText(err), key, key)
	}
	return fsys, nil
}

// overlay returns base with the files of the office's folder dir of
// setting key (when set) in front of it.
func overlay(base fs.FS, key, dir string, max int64) (fs.FS, error) {
	top, err := dirFS(key, dir, max)
	if top == nil || err != nil {
		return base, err
	}
	return overlayFS{top: top, base: base}, nil
}

type overlayFS struct{ top, base fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil {
		return f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.base.Open(name)
}

// FontSet loads the fonts: the bundled ones, with any file of the same
// name in the fonts folder of config.toml in front of them.
func (e *Env) FontSet() (*typeset.FontSet, error) {
	ffs, err := overlay(fonts.FS, "fonts", e.Config.Fonts, readfile.MaxFont)
	if err != nil {
		return nil, err
	}
	set, err := typeset.NewFontSet(ffs)
	if err != nil {
		return nil, fmt.Errorf("fonts: %w", err)
	}
	return set, nil
}

// layoutFile is the certificate page layout in the templates folder.
const layoutFile = "certificate-layout.toml"

// CardLayout reads the bundled layout of the cards and trend chart and
// the office's override of it, when its templates folder has one.
func (e *Env) CardLayout() (*card.Layout, error) {
	bundled, err := templates.FS.ReadFile(card.LayoutFile)
	if err != nil {
		return nil, internalError{err}
	}
	var over []byte
	name := ""
	if e.Config.Templates != "" {
		name = filepath.Join(e.Config.Templates, card.LayoutFile)
		over, err = os.ReadFile(name)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %v", name, errText(err))
		}
	}
	return card.ParseLayout(bundled, over, name)
}

// CertificateLayout reads the bundled certificate layout and the office's
// override of it, when its templates folder has one.
func (e *Env) CertificateLayout() (*certificate.Layout, error) {
	bundled, err := templates.FS.ReadFile(layoutFile)
	if err != nil {
		return nil, internalError{err}
	}
	var over []byte
	name := ""
	if e.Config.Templates != "" {
		name = filepath.Join(e.Config.Templates, layoutFile)
		over, err = readfile.Read(name, readfile.MaxTemplate)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %v", name, errText(err))
		}
	}
	return certificate.ParseLayout(bundled, over, name)
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// renderErr classifies an error: one met while composing or rendering
// (plan.TemplateError) is, with the bundled templates and catalogs, a fault
// of bulletin (exit 2); with the office's own, most likely theirs (exit 1),
// and the message names the template file and line. Other errors pass
// unchanged.
func (e *Env) renderErr(err error) error {
	var te *plan.TemplateError
	if !errors.As(err, &te) || e.Config.Templates != "" || e.Config.Locales != "" {
		return err
	}
	return internalError{err}
}

// printWarnings prints the data's warnings on w, one a line.
func (e *Env) printWarnings(w io.Writer) {
	for _, p := range e.Warnings {
		fmt.Fprintln(w, "warning: "+p.String())
	}
}

// loadCatalog reads the bundled catalogs with the office's (the folder
// dir, when set) over them.
func loadCatalog(dir string) (*l10n.Catalog, error) {
	over, err := dirFS("locales", dir, readfile.MaxTemplate)
	if err != nil {
		return nil, err
	}
	return l10n.Load(locales.FS, over)
}
