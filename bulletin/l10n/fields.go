package l10n

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/template/parse"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// An office's catalog may reword a message but can only use the fields the
// code passes to it: {{.Scor}} for {{.Score}} would print "<no value>".
// What the code passes is read from the bundled catalogs: the fields any
// bundled language's message of that id uses, in any plural form.

// messageFields returns the fields ({{.Name}}) that a message's forms use.
func messageFields(m *i18n.Message) (map[string]bool, error) {
	out := map[string]bool{}
	for _, text := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		if !strings.Contains(text, "{{") {
			continue
		}
		t := parse.New(m.ID)
		t.Mode = parse.SkipFuncCheck
		trees := map[string]*parse.Tree{}
		if _, err := t.Parse(text, "{{", "}}", trees); err != nil {
			return nil, err
		}
		for _, tr := range trees {
			collectFields(tr.Root, out)
		}
	}
	return out, nil
}

func collectFields(n parse.Node, out map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				collectFields(c, out)
			}
		}
	case *parse.ActionNode:
		collectFields(n.Pipe, out)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				collectFields(c, out)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			collectFields(a, out)
		}
	case *parse.FieldNode:
		out[n.Ident[0]] = true
	case *parse.ChainNode:
		collectFields(n.Node, out)
	case *parse.IfNode:
		collectBranch(&n.BranchNode, out)
	case *parse.RangeNode:
		collectBranch(&n.BranchNode, out)
	case *parse.WithNode:
		collectBranch(&n.BranchNode, out)
	case *parse.TemplateNode:
		collectFields(n.Pipe, out)
	}
}

func collectBranch(b *parse.BranchNode, out map[string]bool) {
	collectFields(b.Pipe, out)
	collectFields(b.List, out)
	if b.ElseList != nil {
		collectFields(b.ElseList, out)
	}
}

// overrideMsg is a message of an office's catalog, with the file it is in.
type overrideMsg struct {
	file string
	msg  *i18n.Message
}

// checkFields returns an error for every message of the office's catalogs
// that uses a field the bundled messages of its id do not (bundled: id ->
// fields used by any language).
func checkFields(bundled map[string]map[string]bool, overrides []overrideMsg) error {
	var msgs []string
	for _, o := range overrides {
		used, err := messageFields(o.msg)
		if err != nil {
			msgs = append(msgs, fmt.Sprintf("%s: message %s: %v; fix the template there", o.file, o.msg.ID, err))
			continue
		}
		allowed := bundled[o.msg.ID]
		var bad []string
		for f := range used {
			if !allowed[f] {
				bad = append(bad, "{{."+f+"}}")
			}
		}
		if len(bad) == 0 {
			continue
		}
		sort.Strings(bad)
		var have []string
		for f := range allowed {
			have = append(have, "{{."+f+"}}")
		}
		slices.Sort(have)
		passes := "no fields"
		if len(have) > 0 {
			passes = strings.Join(have, ", ")
		}
		msgs = append(msgs, fmt.Sprintf("%s: message %s uses %s, which bulletin does not pass to it (it would print \"<no value>\"); it passes %s", o.file, o.msg.ID, strings.Join(bad, ", "), passes))
	}
	if len(msgs) > 0 {
		return fmt.Errorf("%s", strings.Join(msgs, "\n"))
	}
	return nil
}
