package output

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// readManifest returns the files a directory's marker lists, or nil when
// the directory is missing or carries no valid marker.
func readManifest(dir string) map[string]entry {
	data, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil || !bytes.HasPrefix(data, []byte(markerHead)) {
		return nil
	}
	body := data[len(markerHead):]
	if !bytes.HasSuffix(body, []byte(manifestEnd)) {
		return nil // dirty, or cut short
	}
	body = body[:len(body)-len(manifestEnd)]
	m := map[string]entry{}
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), " ", 4)
		if len(f) != 4 {
			return nil
		}
		size, err1 := strconv.ParseInt(f[1], 10, 64)
		mt, err2 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil {
			return nil
		}
		m[f[3]] = entry{hash: f[0], size: size, mtime: mt}
	}
	if sc.Err() != nil {
		return nil
	}
	return m
}

func writeManifest(dir string, m map[string]entry) error {
	paths := make([]string, 0, len(m))
	for p := range m {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var b bytes.Buffer
	b.WriteString(markerHead)
	for _, p := range paths {
		e := m[p]
		b.WriteString(e.hash)
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(e.size, 10))
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(e.mtime, 10))
		b.WriteByte(' ')
		b.WriteString(p)
		b.WriteByte('\n')
	}
	b.WriteString(manifestEnd)
	tmp := filepath.Join(dir, Marker+".tmp")
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, Marker))
}
