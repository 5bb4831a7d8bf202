package card

import (
	"image/color"
	"strings"
)

// ThemeFromCSS reads the card's colours from stylesheets, in the order
// the pages load them (the built-in site.css, then the site's custom.css):
// the custom properties --bg, --fg, --muted, --head-bg, --head-fg and
// --accent set in a top-level :root rule, a later one winning. A card is
// seen on someone else's page, so it takes the light scheme's value of a
// light-dark() pair. Values other than #rgb and #rrggbb colours (var(),
// named colours) keep the default, as do properties inside @media.
func ThemeFromCSS(sheets ...[]byte) Theme {
	t := DefaultTheme
	slots := map[string]*color.RGBA{
		"--bg": &t.BG, "--fg": &t.FG, "--muted": &t.Muted,
		"--head-bg": &t.HeadBG, "--head-fg": &t.HeadFG, "--accent": &t.Accent,
	}
	for _, css := range sheets {
		for _, body := range rootRules(stripComments(string(css))) {
			for _, decl := range strings.Split(body, ";") {
				name, val, ok := strings.Cut(decl, ":")
				name = strings.TrimSpace(name)
				if slot := slots[name]; ok && slot != nil {
					if c, ok := parseColour(val); ok {
						*slot = c
					}
				}
			}
		}
	}
	return t
}

func stripComments(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			return b.String()
		}
		s = s[i+2+j+2:]
	}
}

// rootRules returns the bodies of the top-level rules whose selector list
// holds :root itself.
func rootRules(css string) []string {
	var out []string
	for css != "" {
		open := strings.IndexByte(css, '{')
		if open < 0 {
			break
		}
		sel := strings.TrimSpace(css[:open])
		// The block runs to its matching brace (an @media holds rules).
		depth, end := 0, len(css)
		for i := open; i < len(css); i++ {
			if css[i] == '{' {
				depth++
			} else if css[i] == '}' {
				if depth--; depth == 0 {
					end = i
					break
				}
			}
		}
		if !strings.HasPrefix(sel, "@") {
			for _, s := range strings.Split(sel, ",") {
				if strings.TrimSpace(s) == ":root" {
					out = append(out, css[open+1:end])
					break
				}
			}
		}
		if end >= len(css) {
			break
		}
		css = css[end+1:]
	}
	return out
}

// parseColour reads #rgb, #rrggbb or light-dark(light, dark), taking the
// light one.
func parseColour(v string) (color.RGBA, bool) {
	v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
	if inner, ok := strings.CutPrefix(v, "light-dark("); ok {
		light, _, ok := strings.Cut(inner, ",")
		if !ok {
			return color.RGBA{}, false
		}
		v = strings.TrimSpace(light)
	}
	hex, ok := strings.CutPrefix(v, "#")
	if !ok || (len(hex) != 3 && len(hex) != 6) {
		return color.RGBA{}, false
	}
	var n [6]uint8
	for i := 0; i < len(hex); i++ {
		c := hex[i]
		switch {
		case c >= '0' && c <= '9':
			n[i] = c - '0'
		case c >= 'a' && c <= 'f':
			n[i] = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			n[i] = c - 'A' + 10
		default:
			return color.RGBA{}, false
		}
	}
	if len(hex) == 3 {
		return color.RGBA{n[0] * 17, n[1] * 17, n[2] * 17, 0xff}, true
	}
	return color.RGBA{n[0]<<4 | n[1], n[2]<<4 | n[3], n[4]<<4 | n[5], 0xff}, true
}
