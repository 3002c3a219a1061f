package card

import (
	"image"

	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/trend"
)

// TrendMonths is how many months of known history a card's trend shows.
const TrendMonths = 12

// maxNames is the most unit names a fact line lists; more are counted.
const maxNames = 6

// Input is what a card is made of.
type Input struct {
	Facts  *facts.Facts
	Office config.Office
	// History is the scope's known history up to the month; the card shows
	// its last TrendMonths months. Empty: no trend (the state).
	History trend.History
	Emblem  image.Image // nil: none
	// Joint says that the scope shares its rank, when it does
	// (press.joint), as the note does.
	Joint bool
}

// Content is a card's words in one language, ready to draw.
type Content struct {
	Lang    string
	Office  string
	Kicker  string // the ranking and its month
	Unit    string // the scope named with its level
	Rank    string // its rank in the state; empty for the state
	Facts   []string
	Caption string // the trend's caption; empty when there is no trend
	Trend   trend.History
	// From and To name the trend's first and last months.
	From, To string
	Emblem   image.Image
}

// Lines are the card's texts in reading order.
func (c Content) Lines() []string {
	out := []string{c.Office, c.Kicker, c.Unit}
	if c.Rank != "" {
		out = append(out, c.Rank)
	}
	out = append(out, c.Facts...)
	if c.Caption != "" {
		out = append(out, c.Caption, c.From, c.To)
	}
	return out
}

// Compose writes the card's words from the facts, with the rules of the
// press note's body template (press-body.tmpl): a shared rank said only
// with press.joint, the marks when the data has them, a streak of three
// or more (in published rankings when months in it were not published),
// the year's tally only when the known history covers the year, the units
// under the scope that came first, and the thanas' count.
func Compose(lang *l10n.Lang, in Input) (Content, error) {
	f, s := in.Facts, in.Facts.Scope
	c := Content{Lang: lang.Tag, Emblem: in.Emblem, Office: in.Office.NameEn}
	if lang.Tag == "hi" {
		c.Office = in.Office.NameHi
	}
	w := writer{lang: lang}
	month, err := lang.MonthYear(f.Month)
	w.err = err
	c.Kicker = w.msg("Card.Kicker", "Month", month)
	c.Unit = w.unit(s.UnitRef)
	joint := in.Joint && s.SharingRank > 1
	if s.Rank != nil {
		switch {
		case s.First() && joint:
			c.Rank = w.msg("Card.Rank.Joint")
		case s.First():
			c.Rank = w.msg("Card.Rank.First")
		default:
			ord, err := lang.Ordinal(*s.Rank)
			w.keep(err)
			if joint {
				ord = w.msg("Press.Joint", "Ordinal", ord)
			}
			c.Rank = w.msg("Card.Rank.Other", "Ordinal", ord)
		}
		c.Facts = w.scopeFacts(s)
	}
	c.Facts = append(c.Facts, w.levelFacts(f)...)
	if h := in.History.Last(TrendMonths); len(h.Months) > 1 && h.Published() > 0 {
		c.Trend = h
		c.Caption = w.plural("Card.Trend", len(h.Months))
		var err error
		c.From, err = lang.MonthYear(h.Months[0].Month)
		w.keep(err)
		c.To, err = lang.MonthYear(h.Months[len(h.Months)-1].Month)
		w.keep(err)
	}
	return c, w.err
}

// writer collects the first error of a run of catalog calls.
type writer struct {
	lang *l10n.Lang
	err  error
}

func (w *writer) keep(err error) {
	if w.err == nil {
		w.err = err
	}
}

func (w *writer) msg(id string, kv ...any) string {
	s, err := w.lang.Msg(id, kv...)
	w.keep(err)
	return s
}

func (w *writer) plural(id string, n int, kv ...any) string {
	s, err := w.lang.Plural(id, n, kv...)
	w.keep(err)
	return s
}

func (w *writer) count(n int) string {
	s, err := w.lang.Count(n)
	w.keep(err)
	return s
}

func (w *writer) unit(u facts.UnitRef) string {
	s, err := w.lang.Unit(u)
	w.keep(err)
	return s
}

func (w *writer) scopeFacts(s facts.Scope) []string {
	var out []string
	if s.Score != nil && s.MaxScore != nil {
		out = append(out, w.msg("Card.Score", "Score", w.lang.Num(s.Score), "Max", w.lang.Num(s.MaxScore)))
	}
	if s.FirstStreak >= 3 {
		id := "Card.Streak"
		if s.StreakSkips {
			id += ".Published" // not months in a row: some were not published
		}
		out = append(out, w.plural(id, s.FirstStreak))
	}
	y := s.Year
	if y.Whole && y.MonthsPublished >= 2 && y.MonthsFirst >= 1 {
		if y.MonthsFirst == y.MonthsPublished {
			out = append(out, w.plural("Card.Year.All", y.MonthsPublished, "Year", w.lang.Num(y.Year)))
		} else {
			out = append(out, w.plural("Card.Year", y.MonthsPublished, "Year", w.lang.Num(y.Year),
				"Ranked", w.count(y.MonthsPublished), "First", w.count(y.MonthsFirst)))
		}
	}
	return out
}

func (w *writer) levelFacts(f *facts.Facts) []string {
	var out []string
	for _, lv := range []string{"zone", "range", "district"} {
		l := f.At(lv)
		if l == nil || l.First == 0 {
			continue
		}
		if l.First > maxNames {
			out = append(out, w.plural("Card.First."+lv+".Count", l.First))
			continue
		}
		bare, err := w.lang.Bare(l.FirstUnits) // the line names the level
		w.keep(err)
		names, err := w.lang.List(bare)
		w.keep(err)
		out = append(out, w.plural("Card.First."+lv, l.First, "Names", names))
	}
	if t := f.At("thana"); t != nil && t.First > 0 {
		switch {
		case t.Evaluated == 1:
			out = append(out, w.msg("Card.Thanas.Only"))
		case t.First == t.Evaluated:
			out = append(out, w.plural("Card.Thanas.All", t.Evaluated))
		default:
			// The noun agrees with the thanas that came first (1 थाना, 3 थाने).
			out = append(out, w.plural("Card.Thanas", t.Evaluated, "Evaluated", w.count(t.Evaluated), "First", w.count(t.First),
				"Thanas", w.plural("Card.ThanaCount", t.First)))
		}
	}
	return out
}
