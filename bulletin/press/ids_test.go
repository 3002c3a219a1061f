package press_test

import (
	"reflect"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/press"
	"github.com/igrs-pro/bulletin/templates"
)

func TestMessageIDsOfTheBodyTemplate(t *testing.T) {
	tm, err := press.LoadTemplates(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	ids, plural := tm.MessageIDs()
	wantIDs := []string{"Press.Closing", "Press.Headline", "Press.Headline.And", "Press.Headline.First", "Press.Headline.Lead",
		"Press.Headline.Rank", "Press.Headline.Year", "Press.Intro", "Press.Joint", "Press.Lead", "Press.Rank.First",
		"Press.Rank.FirstAgain", "Press.Rank.FirstAgain.Joint", "Press.Rank.FirstAgain.Joint.Named", "Press.Rank.FirstAgain.Named", "Press.Rank.Other", "Press.Score", "Press.ScoreOnly"}
	wantPlural := []string{"Press.DistrictsFirst", "Press.DistrictsFirst.Also", "Press.DistrictsFirst.Also.Named", "Press.DistrictsFirst.Named", "Press.Headline.Streak", "Press.Headline.UnitsFirst",
		"Press.RangesFirst", "Press.RangesFirst.Also", "Press.RangesFirst.Also.Named", "Press.RangesFirst.Named", "Press.Streak", "Press.Streak.Published", "Press.ThanaCount",
		"Press.ThanasFirst", "Press.ThanasFirst.All", "Press.ThanasFirst.All.Named", "Press.ThanasFirst.Named", "Press.Times", "Press.Year", "Press.Year.All", "Press.ZonesFirst", "Press.ZonesFirst.Named"}
	if !reflect.DeepEqual(ids, wantIDs) {
		t.Errorf("ids = %v\nwant %v", ids, wantIDs)
	}
	if !reflect.DeepEqual(plural, wantPlural) {
		t.Errorf("plural = %v\nwant %v", plural, wantPlural)
	}
}

func TestMarkdownEscape(t *testing.T) {
	for in, want := range map[string]string{
		"1. थाना": `1\. थाना`, "12) x": `12\) x`, "- x": `\- x`, "+ x": `\+ x`,
		"a *b* _c_ [d]": `a \*b\* \_c\_ \[d\]`, "no 1. list": "no 1. list",
		"Ram &amp; Shyam &copy;": `Ram \&amp; Shyam \&copy;`, // an entity would print as its character
	} {
		if got := press.MarkdownEscape(in); got != want {
			t.Errorf("MarkdownEscape(%q) = %q, want %q", in, got, want)
		}
	}
}
