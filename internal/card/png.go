package card

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image/color"
	"sync"
)

// encodePNG writes pix (one palette index per pixel, Width by Height) as
// a 4-bit paletted PNG. image/png would do the same, but it reads a
// paletted image pixel by pixel through an interface, which took five
// times as long as everything else a card costs; here rows are packed
// straight from the buffer, a row the same as the one above is copied,
// and rows are not filtered (flat colour compresses well as it is).
// The compressor runs at its fastest level, deterministic like the rest.
func encodePNG(pix []uint8, pal color.Palette) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(24 << 10)
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], Width)
	binary.BigEndian.PutUint32(ihdr[4:], Height)
	ihdr[8], ihdr[9] = 4, 3 // 4 bits per pixel, paletted
	chunk(&out, "IHDR", ihdr[:])
	plte := make([]byte, 0, 3*len(pal))
	for _, c := range pal {
		r, g, b, _ := c.RGBA()
		plte = append(plte, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	chunk(&out, "PLTE", plte)

	z := zlibs.Get().(*zlibState)
	defer zlibs.Put(z)
	z.buf.Reset()
	z.w.Reset(&z.buf)
	const stride = 1 + Width/2
	row, prev := z.rows[:stride], z.rows[stride:]
	for y := 0; y < Height; y++ {
		line := pix[y*Width : (y+1)*Width]
		if y == 0 || !bytes.Equal(line, pix[(y-1)*Width:y*Width]) {
			row[0] = 0 // no filter
			for x := range row[1:] {
				row[1+x] = line[2*x]<<4 | line[2*x+1]
			}
		}
		if _, err := z.w.Write(row); err != nil {
			return nil, err
		}
		row, prev = prev, row
		copy(row, prev)
	}
	if err := z.w.Close(); err != nil {
		return nil, err
	}
	chunk(&out, "IDAT", z.buf.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes(), nil
}

// zlibState is a compressor and its buffers, kept between cards.
type zlibState struct {
	w    *zlib.Writer
	buf  bytes.Buffer
	rows []byte
}

var zlibs = sync.Pool{New: func() any {
	z := &zlibState{rows: make([]byte, 2*(1+Width/2))}
	z.w, _ = zlib.NewWriterLevel(&z.buf, zlib.BestSpeed)
	return z
}}

// chunk writes one PNG chunk: length, type, data, CRC of type and data.
func chunk(out *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	out.WriteString(typ)
	out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	out.Write(n[:])
}
