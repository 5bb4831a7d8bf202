package cli

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// checkAddr says what is wrong with a --addr value, before listening on
// it: a typo is a mistake on the command line (exit 2), which must not be
// reported as a busy port. Host names are checked by resolving them when
// listening; see listenError.
func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		var ae *net.AddrError
		if errors.As(err, &ae) {
			return fmt.Errorf("%s; want host:port, such as 127.0.0.1:1313", ae.Err)
		}
		return err
	}
	switch {
	case port == "":
		return fmt.Errorf("missing port number after the colon, such as 127.0.0.1:1313 (0 picks a free port)")
	case strings.Trim(port, "0123456789") == "":
		// All digits: a number, which must fit in 16 bits.
		if n, err := strconv.Atoi(port); err != nil || n > 65535 {
			return fmt.Errorf("port %s is out of range: ports go from 0 to 65535 (0 picks a free port)", port)
		}
	default:
		// A service name ("http") is what net.Listen accepts besides numbers.
		if _, err := net.LookupPort("tcp", port); err != nil {
			return fmt.Errorf("port %q is not a number from 0 to 65535", port)
		}
	}
	return nil
}

// listenError tells a bad address that only listening could find (a host
// name that does not resolve) from a real failure to listen (the port is
// in use, or needs privileges): the first is a usage error.
func listenError(err error) (usage bool) {
	var dns *net.DNSError
	var ae *net.AddrError
	return errors.As(err, &dns) || errors.As(err, &ae)
}
