package press

import (
	"sort"
	"text/template/parse"
)

// MessageIDs returns the catalog messages the body template asks for by
// name: with t (ids) and with tn, by count (plural). A name built with
// print from literals ("Press.RangesFirst", ".Also", ".Named") counts as
// each name it can make: the first literal followed by one literal or none
// of each later argument.
func (t *Templates) MessageIDs() (ids, plural []string) {
	seen := map[string]map[string]bool{"t": {}, "tn": {}}
	for _, tt := range t.body.Templates() {
		if tt.Tree != nil {
			walk(tt.Tree.Root, seen)
		}
	}
	return keys(seen["t"]), keys(seen["tn"])
}

func walk(n parse.Node, seen map[string]map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, seen)
		}
	case *parse.ActionNode:
		walk(n.Pipe, seen)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, seen)
		}
	case *parse.CommandNode:
		if len(n.Args) >= 2 {
			if id, ok := n.Args[0].(*parse.IdentifierNode); ok && seen[id.Ident] != nil {
				for _, name := range names(n.Args[1]) {
					seen[id.Ident][name] = true
				}
			}
		}
		for _, a := range n.Args {
			walk(a, seen)
		}
	case *parse.IfNode:
		walk(n.Pipe, seen)
		walk(n.List, seen)
		walk(n.ElseList, seen)
	case *parse.RangeNode:
		walk(n.Pipe, seen)
		walk(n.List, seen)
		walk(n.ElseList, seen)
	case *parse.WithNode:
		walk(n.Pipe, seen)
		walk(n.List, seen)
		walk(n.ElseList, seen)
	case *parse.TemplateNode:
		walk(n.Pipe, seen)
	}
}

// names lists the message names an argument can be.
func names(arg parse.Node) []string {
	switch a := arg.(type) {
	case *parse.StringNode:
		return []string{a.Text}
	case *parse.PipeNode:
		if len(a.Cmds) == 1 {
			return names(a.Cmds[0])
		}
	case *parse.CommandNode:
		id, ok := a.Args[0].(*parse.IdentifierNode)
		if !ok || id.Ident != "print" || len(a.Args) < 2 {
			return nil
		}
		first, ok := a.Args[1].(*parse.StringNode)
		if !ok {
			return nil
		}
		// Each later argument adds one of its literals or nothing:
		// "Press.RangesFirst", then ".Also" or "", then ".Named" or "".
		out := []string{first.Text}
		for _, more := range a.Args[2:] {
			n := len(out)
			for _, s := range literals(more) {
				for _, prefix := range out[:n] {
					out = append(out, prefix+s)
				}
			}
		}
		return out
	}
	return nil
}

// literals returns the string literals inside a node, e.g. ".Also" in
// (or (and $also ".Also") "").
func literals(n parse.Node) []string {
	var out []string
	switch n := n.(type) {
	case *parse.StringNode:
		if n.Text != "" {
			out = append(out, n.Text)
		}
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			out = append(out, literals(c)...)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			out = append(out, literals(a)...)
		}
	}
	return out
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
