package press

// MarkdownEscape is markdownEscape, for tests.
var MarkdownEscape = markdownEscape
