package pack

import (
	"debug/elf"
	"os"
	"strconv"
	"sync"
)

// BinaryID identifies the running program's code, for versions of
// entries whose bytes depend on it (a page parsed by one release must not
// be served by the next): the Go build ID, which changes with every
// change to the code, where the executable carries one (ELF); else the
// executable's path, size and modification time. It is "" when neither
// can be read, and then nothing should be cached.
func BinaryID() string {
	binaryOnce.Do(func() { binaryID = readBinaryID() })
	return binaryID
}

var (
	binaryOnce sync.Once
	binaryID   string
)

func readBinaryID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if data, err := s.Data(); err == nil && len(data) > 16 {
				return "go:" + string(data)
			}
		}
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return "exe:" + exe + ":" + strconv.FormatInt(fi.Size(), 10) + ":" + strconv.FormatInt(fi.ModTime().UnixNano(), 10)
}
