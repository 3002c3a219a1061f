package pdffont

import "sort"

// Merge adds the sub-fonts of v and the codes drawn with them to u, for a
// document that will hold the content of both (see AddUse). Only the fonts
// are kept, not the words drawn (what a draft gives RestrictDrawn), so
// that u stays small however many documents it gathers (the pages of a
// print file, bulletin/build).
func (u *FontUse) Merge(v FontUse) {
	u.words = nil
	for _, vf := range v.fonts {
		i := sort.Search(len(u.fonts), func(i int) bool { return u.fonts[i].sf.file >= vf.sf.file })
		if i == len(u.fonts) || u.fonts[i].sf.file != vf.sf.file {
			u.fonts = append(u.fonts, DocFont{})
			copy(u.fonts[i+1:], u.fonts[i:])
			u.fonts[i] = DocFont{sf: vf.sf}
		}
		for c, used := range vf.used {
			u.fonts[i].used[c] = u.fonts[i].used[c] || used
		}
	}
}
