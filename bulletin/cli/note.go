package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/unicode/norm"

	"github.com/igrs-pro/bulletin/bulletin/internal/readfile"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/notedoc"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/plan"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// NoteOptions are the options of `bulletin note`.
type NoteOptions struct {
	IO         *IOStreams
	Globals    *Globals
	File       string // the note's text: plain text, or Markdown (.md, .markdown)
	Out        string // the PDF; "" for File with .pdf, "-" for standard output
	Lang       string // hi or en: which of the office's names to print
	Date       string // YYYY-MM-DD, or "" for no date line
	Letterhead bool
	Signature  bool
}

// NewCmdNote builds `bulletin note`. runF replaces the command's work in tests.
func NewCmdNote(f *Factory, runF func(*NoteOptions) error) *cobra.Command {
	opts := &NoteOptions{IO: f.IO, Globals: f.Globals}
	cmd := &cobra.Command{
		Use:   "note FILE",
		Short: "Turn a note written as text or Markdown into an A4 PDF on the office's letterhead",
		Long: `Lay out a note written by hand as an A4 PDF: the office's letterhead (name,
place, phone, e-mail and emblem from config.toml), the note, and the
signatory's name and designation. Hindi and English are shaped properly.

FILE ending in .md or .markdown is Markdown: a first "# " heading is the
title; "##" and "###" headings, paragraphs, **bold**, bullet and numbered
lists are kept (*emphasis* prints as regular text); tables, images, HTML,
block quotes and code blocks are refused with their line. Any other FILE
is plain text: paragraphs separated by blank lines, and a first line
starting with "# " is the title.

The note needs only the office settings of config.toml, not the ranking
data. Without --date the note has no date line and the PDF's creation date
is 2000-01-01, so that the same FILE always gives the same bytes.`,
		Example: `  bulletin note appeal.txt
  bulletin note notice.md --lang en --date 2024-12-02 --out notice.en.pdf
  bulletin note draft.md --letterhead=false --signature=false`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return noteRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Out, "out", "", "the PDF to write, or - for standard output (default: FILE with the extension .pdf)")
	fl.StringVar(&opts.Lang, "lang", "hi", "language of the letterhead and signature, hi or en")
	fl.StringVar(&opts.Date, "date", "", "date of the note (YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or DD-MM-YYYY), printed below the title and used as the PDF's date (default: no date line)")
	fl.BoolVar(&opts.Letterhead, "letterhead", true, "print the office's letterhead")
	fl.BoolVar(&opts.Signature, "signature", true, "print the signatory's name and designation")
	return cmd
}

func noteRun(opts *NoteOptions) error {
	if err := oneOf("--lang", []string{opts.Lang}, l10n.Languages); err != nil {
		return err
	}
	var date time.Time
	if opts.Date != "" {
		var err error
		if date, err = plan.ParseDate("--date", opts.Date); err != nil {
			return err
		}
	}
	out := opts.Out
	if out == "" {
		out = strings.TrimSuffix(opts.File, filepath.Ext(opts.File)) + ".pdf"
	}
	if out != "-" {
		if err := checkNoteOut(out, opts.File); err != nil {
			return err
		}
	}
	src, err := readfile.Read(opts.File, readfile.MaxNote)
	if err != nil {
		return fmt.Errorf("%s: cannot read the note: %v", opts.File, errText(err))
	}
	c, cfgPath, err := opts.Globals.officeConfig()
	if err != nil {
		return err
	}

	var doc notedoc.Document
	switch strings.ToLower(filepath.Ext(opts.File)) {
	case ".md", ".markdown":
		if doc, err = notedoc.FromMarkdown(src); err != nil {
			var me *notedoc.MarkdownError
			if errors.As(err, &me) {
				return fmt.Errorf("%s:%d: %s", opts.File, me.Line, me.Msg)
			}
			return fmt.Errorf("%s: %w", opts.File, err)
		}
	default:
		doc = notedoc.FromText(string(src))
	}
	env := &Env{Inputs: plan.Inputs{Config: c}}
	if err := opts.frame(env, &doc, cfgPath, date); err != nil {
		return err
	}

	set, err := env.FontSet()
	if err != nil {
		return err
	}
	ts, err := typeset.NewTypesetter(set, "mm")
	if err != nil {
		return internalError{err}
	}
	pdf, err := notedoc.Draw(ts, doc, notedoc.Options{CreationDate: date})
	if err != nil {
		var ce *typeset.CharError
		if errors.As(err, &ce) {
			return charError(ce, opts.File, src, cfgPath)
		}
		if errors.Is(err, notedoc.ErrEmpty) {
			return fmt.Errorf("%s: the note has no text", opts.File)
		}
		return err
	}
	if out == "-" {
		_, err := opts.IO.Out.Write(pdf)
		return err
	}
	if err := output.WriteFile(out, pdf); err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.ErrOut, "wrote", out)
	return nil
}

// frame puts the office's letterhead, the signature and the date line
// (with --date, in the catalogs' words) around the note in doc, as the
// flags ask, in the language of --lang.
func (opts *NoteOptions) frame(env *Env, doc *notedoc.Document, cfgPath string, date time.Time) error {
	c := env.Config
	hi := opts.Lang == "hi"
	pick := func(h, e string) string {
		if hi {
			return h
		}
		return e
	}
	doc.Lang = opts.Lang
	place := pick(c.Office.PlaceHi, c.Office.PlaceEn)
	if opts.Letterhead {
		lh := &notedoc.Letterhead{
			Name:  pick(c.Office.NameHi, c.Office.NameEn),
			Place: place,
			Phone: c.Office.Phone,
			Email: c.Office.Email,
		}
		if c.Office.Emblem != "" {
			var err error
			if lh.Emblem, lh.EmblemType, err = readEmblem(c.Office.Emblem, cfgPath); err != nil {
				return err
			}
		}
		doc.Letterhead = lh
	}
	if opts.Signature {
		sig := &notedoc.Signature{Name: pick(c.Signatory.NameHi, c.Signatory.NameEn)}
		for _, l := range strings.Split(pick(c.Signatory.DesignationHi, c.Signatory.DesignationEn), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				sig.Lines = append(sig.Lines, l)
			}
		}
		doc.Signature = sig
	}
	if opts.Date != "" {
		var err error
		if env.Catalog, err = loadCatalog(c.Locales); err != nil {
			return err
		}
		lang, err := env.Lang(opts.Lang)
		if err != nil {
			return err
		}
		d, err := lang.Date(date)
		if err != nil {
			return internalError{err}
		}
		if doc.DateLine, err = lang.Msg("Press.DateLine", "Place", place, "Date", d); err != nil {
			return internalError{err}
		}
	}
	return nil
}

// readEmblem reads the letterhead's emblem and tells PNG from JPEG by its
// first bytes.
func readEmblem(path, cfgPath string) ([]byte, string, error) {
	where := "config.toml"
	if cfgPath != "" {
		where = cfgPath
	}
	b, err := readfile.Read(path, readfile.MaxImage)
	if err != nil {
		return nil, "", fmt.Errorf("office.emblem: cannot read %s: %v; set office.emblem in %s to a PNG or JPEG file, or to \"\" for no emblem (or pass --letterhead=false)", path, errText(err), where)
	}
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return b, "png", nil
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return b, "jpg", nil
	}
	return nil, "", fmt.Errorf("office.emblem: %s is neither a PNG nor a JPEG image; set office.emblem in %s to one", path, where)
}

// charError names where a character no font has came from: the line of
// the note that holds it, or else the office settings.
func charError(ce *typeset.CharError, file string, src []byte, cfgPath string) error {
	what := fmt.Sprintf("no font has %U %q", ce.Char, string(ce.Char))
	for i, line := range strings.Split(string(src), "\n") {
		if strings.ContainsRune(norm.NFC.String(line), ce.Char) {
			return fmt.Errorf("%s:%d: %s; remove it or replace it with a character the fonts have", file, i+1, what)
		}
	}
	where := "config.toml"
	if cfgPath != "" {
		where = cfgPath
	}
	return fmt.Errorf("%s: %s (in %q of the office or signatory settings); change it there", where, what, ce.Text)
}

// checkNoteOut refuses an output file that is the note itself (by any
// name: another path, a symbolic or a hard link) or that is not a regular
// file (a link, a device, a FIFO).
func checkNoteOut(out, note string) error {
	if err := output.CheckFile(out); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	o, err := os.Stat(out)
	if err != nil {
		return nil // a new file
	}
	if n, err := os.Stat(note); (err == nil && os.SameFile(o, n)) || filepath.Clean(out) == filepath.Clean(note) {
		return fmt.Errorf("--out %s is the note %s itself; name another file", out, note)
	}
	return nil
}
