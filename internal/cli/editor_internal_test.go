package cli

import "testing"

func TestEditorPattern(t *testing.T) {
	tests := []struct {
		flag, env, want string
		bad             bool
	}{
		{"vscode", "", "vscode://file{file}:{line}:{col}", false},
		{"", "code --wait", "vscode://file{file}:{line}:{col}", false},
		{"", "/usr/bin/cursor", "cursor://file{file}:{line}:{col}", false},
		{"", "vim", "", false},
		{"", "", "", false},
		{"", "myed://{file}#{line}", "myed://{file}#{line}", false},
		{"subl://open?url=file://{file}&line={line}", "code", "subl://open?url=file://{file}&line={line}", false},
		{"notepad", "", "", true},
	}
	for _, tt := range tests {
		got, err := editorPattern(tt.flag, tt.env)
		if got != tt.want || (err != nil) != tt.bad {
			t.Errorf("editorPattern(%q, %q) = %q, %v; want %q, error %v", tt.flag, tt.env, got, err, tt.want, tt.bad)
		}
	}
	u := editorURL("vscode://file{file}:{line}:{col}", "/site dir")("content/a b.md", 3, 7)
	if want := "vscode://file/site%20dir/content/a%20b.md:3:7"; u != want {
		t.Errorf("editorURL = %q, want %q", u, want)
	}
}
