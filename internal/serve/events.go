package serve

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// Event stream (text/event-stream) messages, each a JSON object:
//
//	hello   on connecting: {"build", "errors"}; a page from another build reloads
//	change  after a good build: a Change
//	errors  after a failed build: {"build", "errors"}
const (
	pingEvery    = 20 * time.Second
	writeTimeout = 10 * time.Second
	// clientQueue is how many messages may wait for a slow page; beyond
	// that the page is dropped and reconnects, catching up by build id.
	clientQueue = 16
)

type helloData struct {
	Build    string    `json:"build"`
	Errors   []Problem `json:"errors"`
	Warnings []Problem `json:"warnings,omitempty"`
}

// message formats one event for the stream.
func message(event string, data any) []byte {
	b, err := json.Marshal(data)
	if err != nil {
		b = []byte("{}")
	}
	out := make([]byte, 0, len(event)+len(b)+16)
	out = append(out, "event: "...)
	out = append(out, event...)
	out = append(out, "\ndata: "...)
	out = append(out, b...)
	return append(out, "\n\n"...)
}

// hub fans messages out to the connected pages. It belongs to one Server;
// there is no global hub.
type hub struct {
	mu      sync.Mutex
	clients map[chan []byte]struct{}
	closed  bool
}

func newHub() *hub { return &hub{clients: map[chan []byte]struct{}{}} }

// subscribe returns a channel of messages, or nil once the hub is closed.
func (h *hub) subscribe() chan []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	c := make(chan []byte, clientQueue)
	h.clients[c] = struct{}{}
	return c
}

// unsubscribe forgets c. A channel is closed exactly once, by whoever
// removes it from the map under the lock.
func (h *hub) unsubscribe(c chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[c]; ok {
		delete(h.clients, c)
		close(c)
	}
}

// broadcast queues msg for every page without waiting for any: a page
// whose queue is full is cut off.
func (h *hub) broadcast(msg []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- msg:
		default:
			delete(h.clients, c)
			close(c)
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		delete(h.clients, c)
		close(c)
	}
}

func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// serveEvents streams events to one page until it goes away, falls too far
// behind, or the server shuts down.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		http.Error(w, "403 forbidden: cross-origin request", http.StatusForbidden)
		return
	}
	c := s.hub.subscribe()
	if c == nil {
		http.Error(w, "503 shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	rc := http.NewResponseController(w)
	send := func(b []byte) bool {
		rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// Subscribed first, then told the state: a build published in between
	// arrives twice at worst, never not at all.
	st := s.state.Load()
	hello := helloData{}
	if st != nil {
		hello = helloData{Build: st.build, Errors: st.errs, Warnings: st.warns}
	}
	// retry: reconnect quickly after a server restart.
	if !send(append([]byte("retry: 300\n"), message("hello", hello)...)) {
		return
	}
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg, ok := <-c:
			if !ok || !send(msg) {
				return
			}
		case <-ping.C:
			if !send([]byte(": ping\n\n")) {
				return
			}
		}
	}
}
