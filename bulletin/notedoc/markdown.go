package notedoc

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MarkdownError is Markdown that FromMarkdown cannot take, at a line of the
// source (1-based).
type MarkdownError struct {
	Line int
	Msg  string
}

func (e *MarkdownError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// tableDelimiter matches the delimiter row of a GitHub table (| --- | :-: |).
var tableDelimiter = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-+:?\s*\|\s*$`)

// FromMarkdown makes a Document of a note written in Markdown (CommonMark,
// read with goldmark's parser):
//
//   - a level-1 heading that comes before anything else is the title;
//     other headings are headings, levels 4 to 6 drawn as level 3;
//   - paragraphs are paragraphs; line breaks, soft or hard, are spaces;
//   - **strong** and __strong__ are bold; *emphasis* and _emphasis_ are
//     regular text (the fonts have no italics, and Hindi does not use them);
//   - bullet lists get "•", ordered lists their numbers ("1." or "1)",
//     from the list's start), nested lists a deeper indent; a second
//     paragraph of an item hangs under the first;
//   - code spans are plain text, links and autolinks their text;
//   - anything else is a *MarkdownError naming its line rather than text
//     silently lost or misdrawn: tables, images, HTML, block quotes, code
//     blocks and horizontal rules.
func FromMarkdown(src []byte) (Document, error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	root := goldmark.DefaultParser().Parse(text.NewReader(src))
	c := &mdConv{src: src}
	first := true
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && first && h.Level == 1 {
			spans, err := c.spans(h)
			if err != nil {
				return Document{}, err
			}
			c.doc.Title = strings.TrimSpace(Block{Spans: spans}.Text())
		} else if err := c.block(n, 0); err != nil {
			return Document{}, err
		}
		first = false
	}
	return c.doc, nil
}

type mdConv struct {
	src []byte
	doc Document
}

// line is the source line of n, or of the nearest ancestor with a position.
func (c *mdConv) line(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		pos := n.Pos()
		if pos < 0 && n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			pos = n.Lines().At(0).Start
		}
		if pos >= 0 && pos <= len(c.src) {
			return 1 + bytes.Count(c.src[:pos], []byte("\n"))
		}
	}
	return 1
}

func (c *mdConv) errorf(n ast.Node, format string, args ...any) error {
	return &MarkdownError{Line: c.line(n), Msg: fmt.Sprintf(format, args...)}
}

// unsupported names the block constructs FromMarkdown refuses.
func (c *mdConv) unsupported(n ast.Node) error {
	switch n.(type) {
	case *ast.ThematicBreak:
		return c.errorf(n, "a horizontal rule is not supported in a note; remove it, or divide the note with a heading (## ...)")
	case *ast.Blockquote:
		return c.errorf(n, "a block quote (> ...) is not supported in a note; write it as a paragraph")
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return c.errorf(n, "a code block is not supported in a note; write it as a paragraph (an indented line is a code block: remove the indent)")
	case *ast.HTMLBlock:
		return c.errorf(n, "HTML is not supported in a note; write it as text")
	}
	return c.errorf(n, "%s is not supported in a note", n.Kind())
}

func (c *mdConv) block(n ast.Node, depth int) error {
	switch n := n.(type) {
	case *ast.Heading:
		spans, err := c.spans(n)
		if err != nil {
			return err
		}
		c.doc.Blocks = append(c.doc.Blocks, Block{Kind: Heading, Level: min(n.Level, 3), Spans: spans})
	case *ast.Paragraph, *ast.TextBlock:
		spans, err := c.spans(n)
		if err != nil {
			return err
		}
		c.doc.Blocks = append(c.doc.Blocks, Block{Kind: Para, Spans: spans})
	case *ast.List:
		return c.list(n, depth)
	default:
		return c.unsupported(n)
	}
	return nil
}

func (c *mdConv) list(l *ast.List, depth int) error {
	num := l.Start
	for li := l.FirstChild(); li != nil; li = li.NextSibling() {
		marker := "•"
		if l.IsOrdered() {
			marker = fmt.Sprintf("%d%c", num, l.Marker)
			num++
		}
		for ch := li.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch := ch.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				spans, err := c.spans(ch)
				if err != nil {
					return err
				}
				c.doc.Blocks = append(c.doc.Blocks, Block{Kind: Item, Level: depth, Marker: marker, Spans: spans})
				marker = "" // later paragraphs of the item hang under the first
			case *ast.List:
				if err := c.list(ch, depth+1); err != nil {
					return err
				}
			default:
				return c.unsupported(ch)
			}
		}
	}
	return nil
}

// spans returns the inline content of a block as spans of regular and bold
// text.
func (c *mdConv) spans(n ast.Node) ([]Span, error) {
	if p, ok := n.(*ast.Paragraph); ok {
		lines := p.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if l := string(seg.Value(c.src)); strings.Contains(l, "|") && tableDelimiter.MatchString(l) {
				return nil, &MarkdownError{Line: 1 + bytes.Count(c.src[:seg.Start], []byte("\n")),
					Msg: "a table is not supported in a note; write its rows as a list (- ...)"}
			}
		}
	}
	var spans []Span
	add := func(s string, bold bool) {
		if s == "" {
			return
		}
		if k := len(spans) - 1; k >= 0 && spans[k].Bold == bold {
			spans[k].Text += s
			return
		}
		spans = append(spans, Span{Text: s, Bold: bold})
	}
	var walk func(n ast.Node, bold bool) error
	walk = func(n ast.Node, bold bool) error {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch := ch.(type) {
			case *ast.Text:
				v := string(ch.Segment.Value(c.src))
				if !ch.IsRaw() {
					v = unescape(v)
				}
				add(v, bold)
				if ch.SoftLineBreak() || ch.HardLineBreak() {
					add(" ", bold)
				}
			case *ast.String:
				add(string(ch.Value), bold)
			case *ast.CodeSpan:
				var b strings.Builder
				for t := ch.FirstChild(); t != nil; t = t.NextSibling() {
					if t, ok := t.(*ast.Text); ok {
						b.Write(t.Segment.Value(c.src))
						if t.SoftLineBreak() {
							b.WriteByte(' ')
						}
					}
				}
				add(b.String(), bold)
			case *ast.Emphasis:
				if err := walk(ch, bold || ch.Level >= 2); err != nil {
					return err
				}
			case *ast.Link:
				if err := walk(ch, bold); err != nil {
					return err
				}
			case *ast.AutoLink:
				add(string(ch.Label(c.src)), bold)
			case *ast.Image:
				return c.errorf(ch, "an image is not supported in a note; remove it (the letterhead's emblem comes from office.emblem in config.toml)")
			case *ast.RawHTML:
				return c.errorf(ch, "HTML is not supported in a note; write it as text (a literal < can be written \\<)")
			default:
				return c.errorf(ch, "%s is not supported in a note", ch.Kind())
			}
		}
		return nil
	}
	if err := walk(n, false); err != nil {
		return nil, err
	}
	return spans, nil
}

// unescape resolves Markdown's backslash escapes and character references
// (&amp;, &#2325;) in text.
func unescape(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	var b strings.Builder
	chunk := 0
	flush := func(end int) {
		if end > chunk {
			b.Write(util.ResolveEntityNames(util.ResolveNumericReferences([]byte(s[chunk:end]))))
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && util.IsPunct(s[i+1]) {
			flush(i)
			b.WriteByte(s[i+1])
			i++
			chunk = i + 1
		}
	}
	flush(len(s))
	return b.String()
}
