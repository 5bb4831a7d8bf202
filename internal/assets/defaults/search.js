/* counterpoint built-in search: search as you type in the header's box
   and on the /search/ page, over the chunked full-text index. It loads
   the index's manifest, chunks and fragments when a query needs them.
   Every page works without it: the box submits to /search/, which lists
   every page. site.js fetches it when the box is first focused (or on
   /search/) and shares its helpers through window.counterpoint. */
(function () {
  "use strict";
  var cp = window.counterpoint;
  if (!cp) return; // site.js replaced by the site's own
  var d = cp.d, root = cp.root, base = cp.base, say = cp.say, el = cp.el, meta = cp.meta, get = cp.get, json = cp.json, load = cp.load;

  /* ---------- full-text search over the chunked index ----------
     search/index.json says where each chunk of words starts; a query
     fetches the chunks of its words, then the fragment files (title, text
     by section of a few consecutive pages each, gzip) of the results it
     shows. Words fold as the build folds them (internal/search): NFD,
     marks dropped, lower case, ß as ss, final ς as σ; a word is a run of
     letters and digits. */
  var PREFIX_BYTES = 65536, manifest = null;
  function fold(s) {
    return (s || "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ");
  }
  function words(s) { return fold(s).match(/[\p{L}\p{N}]+/gu) || []; }
  // gunzip reads a fragment file: gzip, unless a server already undid it
  // (the bytes lack gzip's magic 1f 8b).
  function gunzip(r) {
    return r.arrayBuffer().then(function (buf) {
      var b = new Uint8Array(buf), s = new Blob([b]).stream();
      return new Response(b[0] === 0x1f && b[1] === 0x8b ? s.pipeThrough(new DecompressionStream("gzip")) : s).json();
    });
  }
  function start() { return json("search/index.json").then(function (m) { manifest = m; }); }
  // fragment resolves to page n's fragment: the manifest's g counts the
  // pages of each file in order, h holds their 16-digit hashes one after
  // the other. Where the browser cannot decompress, or the file fails,
  // the page's record stands in: the result shows its summary.
  function fragment(n) {
    for (var page = n, g = manifest.g, i = 0; i < g.length && n >= g[i]; i++) n -= g[i];
    var path = manifest.f + manifest.h.substr(16 * i, 16) + manifest.x;
    return (window.DecompressionStream ? get(path, gunzip) : Promise.reject()).then(function (l) { return l[n]; })
      .catch(function () { return record(page); });
  }
  // record is page n from search-index.json (the home page, which it
  // lacks, from the header's link) in a fragment's keys, without text.
  function record(n) {
    var a = d.querySelector(".site-title");
    if (!n) return { u: a ? a.getAttribute("href") : base, t: a ? a.textContent : "", k: "home" };
    return load().then(function (list) {
      var e = list[n - 1] || {};
      return { u: e.u, t: e.t || "", k: e.k, w: e.w, d: e.d, e: e.e, m: e.s };
    });
  }
  // chunks lists the chunk files holding w, and for a prefix of two or
  // more letters those after it whose words start with w, up to PREFIX_BYTES.
  function chunks(w, prefix) {
    var c = manifest.c, i = c.length - 1, bytes = 0;
    if (i < 0) return []; // a site without pages
    while (i > 0 && c[i][0] > w) i--;
    var out = [c[i][1]];
    for (var j = i + 1; prefix && w.length > 1 && j < c.length && c[j][0].indexOf(w) === 0; j++) {
      if ((bytes += c[j][2]) > PREFIX_BYTES) break;
      out.push(c[j][1]);
    }
    return out;
  }
  // postings maps page number -> weight for w (postings are pairs of page
  // delta and weight); a word that only starts with w counts half.
  function postings(w, prefix) {
    return Promise.all(chunks(w, prefix).map(json)).then(function (list) {
      var m = new Map();
      list.forEach(function (ch) {
        for (var k in ch) {
          var half = k !== w;
          if (half && !(prefix && w.length > 1 && k.indexOf(w) === 0)) continue;
          for (var a = ch[k], i = 0, p = -1; i < a.length; i += 2) {
            var v = half ? a[i + 1] / 2 : a[i + 1];
            if (v > (m.get(p += a[i]) || 0)) m.set(p, v);
          }
        }
      });
      return m;
    });
  }
  // find resolves to the best pages for q (a page must hold every word;
  // the word being typed matches as a prefix), each with its fragment
  // (e), link (href) and snippet text, and the number of matches as total.
  function find(q, limit) {
    var ws = words(q), open = !/\s$/.test(q);
    if (!ws.length) return Promise.resolve(Object.assign([], { total: 0, ws: ws }));
    return start().then(function () {
      return Promise.all(ws.map(function (w, i) { return postings(w, open && i === ws.length - 1); }));
    }).then(function (maps) {
      maps.sort(function (a, b) { return a.size - b.size; });
      var hits = [];
      maps[0].forEach(function (v, p) {
        for (var i = 1, x; i < maps.length; i++) {
          if (!(x = maps[i].get(p))) return; // not on this page
          v += x;
        }
        hits.push({ n: p, score: v });
      });
      hits.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
      var out = Object.assign(hits.slice(0, limit), { total: hits.length, ws: ws, open: open });
      return Promise.all(out.map(function (h) {
        return fragment(h.n).then(function (f) {
          // A title that holds every word is the page itself; otherwise the
          // link goes to the section where the words weigh most.
          var title = words(f.t), s = ws.every(function (w, i) {
            return title.some(function (t) { return matches(t, [w], open && i === ws.length - 1); });
          }) ? null : section(f, ws, open);
          h.e = f;
          h.href = s && s[0] ? f.u.split("#")[0] + "#" + s[0] : f.u;
          h.text = s ? s[2] : f.m || (f.s && f.s[0] ? f.s[0][2] : "");
        });
      })).then(function () { return out; });
    });
  }
  function matches(word, ws, open) {
    return ws.some(function (w, i) { return word === w || open && i === ws.length - 1 && word.indexOf(w) === 0; });
  }
  // section picks the section of f where the query words weigh most, as
  // the index weighs them: a heading word over any count of body words.
  function section(f, ws, open) {
    var best = null, top = 0;
    (f.s || []).forEach(function (s) {
      var score = 0;
      words(s[1]).forEach(function (w) { if (matches(w, ws, open)) score += 10; });
      words(s[2]).forEach(function (w) { if (matches(w, ws, open)) score += 1; });
      if (score > top) { top = score; best = s; }
    });
    return best;
  }
  // snippet is a paragraph of about thirty words of text around the first
  // match, each matching word in <mark>, built node by node.
  function snippet(text, res, cls) {
    var p = el("p", cls), re = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu, spans = [], m, first = -1;
    while ((m = re.exec(text))) {
      var hit = words(m[0]).some(function (w) { return matches(w, res.ws, res.open); });
      if (hit && first < 0) first = spans.length;
      spans.push([m.index, m.index + m[0].length, hit]);
    }
    if (!spans.length) return p;
    var from = Math.max(0, first - 8), to = Math.min(spans.length, from + 30);
    var at = from ? spans[from][0] : 0, b = to < spans.length ? spans[to - 1][1] : text.length;
    if (from) p.appendChild(d.createTextNode("… "));
    for (var i = from; i < to; i++) {
      if (!spans[i][2]) continue;
      p.appendChild(d.createTextNode(text.slice(at, spans[i][0])));
      p.appendChild(el("mark", "", text.slice(spans[i][0], at = spans[i][1])));
    }
    p.appendChild(d.createTextNode(text.slice(at, b) + (b < text.length ? " …" : "")));
    return p;
  }
  // latest runs show for the newest input only: while one query is under
  // way, later inputs wait, and only the last of them runs.
  function latest(show) {
    var busy = false, again = false;
    function done() { busy = false; if (again) go(); }
    function go() {
      if (busy) return void (again = true);
      busy = true; again = false;
      show().then(done, done);
    }
    return go;
  }
  // The plural form for n in the page's language comes from the browser's
  // CLDR rules (one, few, many, other...); a form the labels lack is "other".
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(root.lang || "en") : null;
  function plural(n) {
    var k = "search_result_" + (rules ? rules.select(n) : n === 1 ? "one" : "other");
    return say(cp.has(k) ? k : "search_result_other", { n: n });
  }

  /* ---------- search box: an ARIA combobox ---------- */
  function combobox(input) {
    var form = input.form, id = input.id + "_list";
    var list = el("ul", "search-results"), status = el("p", "visually-hidden");
    var results = [], active = -1, seq = 0, timer = 0;
    list.id = id;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", say("search_suggestions"));
    list.hidden = true;
    status.setAttribute("role", "status");
    form.appendChild(list);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function mark(i) {
      var items = list.children;
      if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
      active = i;
      if (i >= 0 && items[i]) {
        items[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", items[i].id);
        items[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function show(res) {
      results = res;
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      res.forEach(function (h, i) {
        var li = el("li");
        li.id = id + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.appendChild(el("span", "r-title", h.e.t));
        li.appendChild(el("span", "r-meta", meta(h.e)));
        if (h.text) li.appendChild(snippet(h.text, res, "r-snip"));
        list.appendChild(li);
      });
      if (!res.length) {
        var none = el("li", "none", say("search_no_matches"));
        none.setAttribute("aria-disabled", "true");
        none.setAttribute("role", "option");
        none.id = id + "none";
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      var n = ++seq;
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (n === seq) status.textContent = res.length ? plural(res.total) + (res.total > res.length ? say("search_showing", { n: res.length }) : "") + ". " + say("search_choose") : say("search_no_results");
      }, 400);
    }
    var render = latest(function () {
      var q = input.value;
      if (!q.trim()) { close(); status.textContent = ""; results = []; return Promise.resolve(); }
      return find(q, 8).then(function (res) {
        if (input.value === q) show(res);
      }, function () { close(); status.textContent = say("search_unavailable"); });
    });
    function go(i) {
      var h = results[i];
      if (h) location.href = h.href;
    }
    input.addEventListener("focus", function () { start().catch(function () {}); });
    input.addEventListener("input", render);
    input.addEventListener("keydown", function (ev) {
      var open = !list.hidden && results.length;
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (list.hidden) { render(); return; }
        if (!open) return;
        ev.preventDefault();
        var n = results.length, i = ev.key === "ArrowDown" ? active + 1 : active - 1;
        mark(i >= n ? 0 : i < 0 ? n - 1 : i);
      } else if (ev.key === "Enter") {
        if (open) { ev.preventDefault(); go(active < 0 ? 0 : active); }
      } else if (ev.key === "Escape") {
        if (!list.hidden) { ev.preventDefault(); close(); } else if (input.value) { input.value = ""; }
      }
    });
    form.addEventListener("submit", function (ev) {
      if (!list.hidden && results.length) { ev.preventDefault(); go(active < 0 ? 0 : active); }
    });
    list.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    list.addEventListener("click", function (ev) {
      var li = ev.target.closest("[role=option]");
      if (li) go(Array.prototype.indexOf.call(list.children, li));
    });
    input.addEventListener("blur", close);
  }
  var box = d.getElementById("q");
  if (box && box.form && window.fetch) {
    combobox(box);
    // What the reader typed while this script was on its way.
    if (d.activeElement === box) {
      box.dispatchEvent(new Event("focus"));
      if (box.value) box.dispatchEvent(new Event("input"));
    }
  }

  /* ---------- the search page: results as a list of links ---------- */
  var page = d.getElementById("q-page"), out = d.getElementById("search-results");
  if (page && out && window.fetch) {
    var pstatus = d.getElementById("search_status"), all = d.querySelector(".all-pages");
    var showResults = latest(function () {
      var q = page.value;
      if (!q.trim()) { out.hidden = true; out.textContent = ""; pstatus.textContent = ""; if (all) all.hidden = false; return Promise.resolve(); }
      return find(q, 20).then(function (res) {
        if (page.value !== q) return;
        out.textContent = "";
        res.forEach(function (h) {
          var li = el("li"), a = el("a", "", h.e.t);
          a.href = h.href;
          li.appendChild(a);
          li.appendChild(el("span", "r-meta", meta(h.e)));
          if (h.text) li.appendChild(snippet(h.text, res, ""));
          out.appendChild(li);
        });
        out.hidden = !res.length;
        // Results take the place of the full list, which stays for no match.
        if (all) all.hidden = !!res.length;
        q = q.trim();
        pstatus.textContent = res.length ? say("search_results_for", { results: plural(res.total), q: q }) + (res.total > res.length ? say("search_showing_first", { n: res.length }) : "") + "." : say("search_none_for", { q: q });
      }, function () { pstatus.textContent = say("search_unavailable"); });
    });
    page.value = new URLSearchParams(location.search).get("q") || page.value;
    page.addEventListener("input", showResults);
    page.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      history.replaceState(null, "", "?q=" + encodeURIComponent(page.value.trim()));
      showResults();
    });
    showResults();
  }
})();
