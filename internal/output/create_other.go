//go:build !linux

package output

import "os"

// createFile writes data to target, created or truncated, and returns the
// file's size and modification time.
func createFile(target string, data []byte) (size, mtime int64, err error) {
	if err := os.WriteFile(target, data, 0o644); err != nil {
		return 0, 0, err
	}
	fi, err := os.Lstat(target)
	if err != nil {
		return 0, 0, err
	}
	return fi.Size(), fi.ModTime().UnixNano(), nil
}
