// Package whatsapp writes a press note as a WhatsApp message
// (press-note.<lang>.whatsapp.txt): the headline as a *bold* line, then
// the note as its plain text has it. A message may hold at most MaxChars
// characters; a longer note is split at paragraph breaks (at line breaks,
// then spaces, when one paragraph alone is too long) into numbered parts,
// each within the limit with its number, separated in the file by a line
// of PartBreak so that each can be copied on its own.
package whatsapp

import (
	"strings"
	"unicode/utf16"
)

// MaxChars is WhatsApp's limit on a message, in UTF-16 code units (what
// its apps count; every Devanagari letter is one).
const MaxChars = 4096

// PartBreak separates the parts of a split note in the file.
const PartBreak = "----------"

// Length is the length of s as WhatsApp counts it.
func Length(s string) int { return len(utf16.Encode([]rune(s))) }

// Text is the note's message: "*headline*", a blank line, and the note's
// plain text (press.txt.tmpl's output, txt) without its own headline line,
// which the message has already said. part writes the number of a
// part ("(1/2)"; from the catalogs); it is used only when the note is split.
func Text(headline string, txt []byte, part func(i, of int) (string, error)) ([]byte, error) {
	var b strings.Builder
	body := string(txt)
	if h := strings.TrimSpace(headline); h != "" {
		b.WriteString("*" + bold(h) + "*\n\n")
		body = strings.Replace(body, "\n"+h+"\n\n", "\n", 1)
	}
	b.WriteString(strings.TrimRight(body, "\n") + "\n")
	msg := b.String()
	if Length(msg) <= MaxChars {
		return []byte(msg), nil
	}
	// Room for the number line ("(12/12)" and a line break) in each part.
	parts := split(msg, MaxChars-24)
	var out strings.Builder
	for i, p := range parts {
		label, err := part(i+1, len(parts))
		if err != nil {
			return nil, err
		}
		if i > 0 {
			out.WriteString("\n" + PartBreak + "\n\n")
		}
		out.WriteString(label + "\n" + strings.Trim(p, "\n") + "\n")
	}
	return []byte(out.String()), nil
}

// bold keeps a headline one bold span: WhatsApp ends bold at the next *.
func bold(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "*", "∗"), "\n", " ") }

// split cuts s into pieces of at most limit characters, at the last
// paragraph break (blank line) that fits, else the last line break, else
// the last space, else anywhere.
func split(s string, limit int) []string {
	var out []string
	for Length(s) > limit {
		head := prefix(s, limit)
		cut := -1
		for _, sep := range []string{"\n\n", "\n", " "} {
			if i := strings.LastIndex(head, sep); i > 0 {
				cut = i
				break
			}
		}
		if cut <= 0 {
			cut = len(head)
		}
		out = append(out, s[:cut])
		s = strings.TrimLeft(s[cut:], "\n ")
	}
	if strings.TrimSpace(s) != "" {
		out = append(out, s)
	}
	return out
}

// prefix is the longest prefix of s of at most n UTF-16 units, whole runes.
func prefix(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}
