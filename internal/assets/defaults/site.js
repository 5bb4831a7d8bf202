/* counterpoint built-in script: enhancements only. Every page works
   without it. It adds the theme toggle, link previews and the timeline
   filter, and loads nothing but the site's own files: the page records
   (search-index.json, or one shard of them on a large site) when a link
   is first previewed, search.js when the search box is first
   focused (search as you type; it uses what this script shares). */
(function () {
  "use strict";
  var d = document, root = d.documentElement, body = d.body;
  var base = body.getAttribute("data-base") || "/";
  // The words the script shows: the site's own from data-labels on
  // <body> (see the labels setting), else these, the built-in English.
  var EN = {
    kind_demand: "Demand", kind_counterposition: "Counterposition", kind_term: "Glossary term",
    kind_event: "Timeline event", kind_actor: "Actor", kind_page: "Page",
    search_suggestions: "Suggestions",
    search_no_matches: "No matches. Press Enter to search every page.",
    search_result_one: "{n} result", search_result_few: "{n} results", search_result_many: "{n} results",
    search_result_other: "{n} results",
    search_showing: ", showing {n}",
    search_choose: "Use the up and down arrows to choose.",
    search_no_results: "No results.",
    search_results_for: "{results} for “{q}”",
    search_showing_first: ", showing the first {n}",
    search_none_for: "No results for “{q}”. Every page is listed below.",
    search_unavailable: "Search is unavailable. Every page is listed below.",
    filter_showing: "Showing {shown} of {total} events."
  };
  var LABELS = {};
  try { LABELS = JSON.parse(body.getAttribute("data-labels") || "{}"); } catch (e) { /* keep the English */ }
  function say(key, vals) {
    var s = Object.prototype.hasOwnProperty.call(LABELS, key) ? LABELS[key] : EN[key];
    for (var k in vals) s = s.split("{" + k + "}").join(vals[k]);
    return s;
  }
  function has(key) { return key in LABELS || key in EN; }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // Dates keep their precision: "2014", "March 2014", "3 March 2014".
  function human(iso) {
    if (!iso) return "";
    var p = iso.slice(0, 10).split("-");
    if (p.length === 1) return p[0];
    var m = MONTHS[p[1] - 1] + " " + p[0];
    return p.length === 2 ? m : +p[2] + " " + m;
  }
  function range(a, b) {
    if (!b) return human(a);
    var x = a.split("-"), y = b.split("-");
    if (x[0] === y[0] && x.length === y.length && x.length > 1) {
      if (x.length === 3) return +x[2] + (x[1] === y[1] ? "–" : " " + MONTHS[x[1] - 1] + " – ") + human(b);
      return MONTHS[x[1] - 1] + "–" + human(b);
    }
    return human(a) + " – " + human(b);
  }
  function meta(e) {
    var parts = [say(EN["kind_" + e.k] ? "kind_" + e.k : "kind_page")];
    if (e.w) parts.push(e.w);
    if (e.d) parts.push(range(e.d, e.e));
    return parts.join(" · ");
  }

  /* ---------- theme toggle ---------- */
  var dark = matchMedia("(prefers-color-scheme: dark)");
  function isDark() {
    var t = root.getAttribute("data-theme");
    return t ? t === "dark" : dark.matches;
  }
  var toggle = d.querySelector(".theme-toggle");
  if (toggle) {
    var sync = function () { toggle.setAttribute("aria-pressed", String(isDark())); };
    sync();
    if (dark.addEventListener) dark.addEventListener("change", sync);
    toggle.addEventListener("click", function () {
      var t = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", t);
      try { localStorage.setItem("theme", t); } catch (e) { /* private mode */ }
      sync();
    });
  }

  var got = {};
  function json(path) { return get(path, function (r) { return r.json(); }); }
  // get fetches path once and reads the response with read.
  function get(path, read) {
    got[path] = got[path] || fetch(base + path).then(function (r) {
      if (!r.ok) throw new Error(path + ": HTTP " + r.status);
      return read(r);
    });
    got[path].catch(function () { delete got[path]; });
    return got[path];
  }

  /* ---------- page records for link previews, loaded on first hover ---------- */
  // A large site splits them into data-previews (K, a power of two) files
  // by the FNV-1a hash of the record's key, its link's path and #anchor as
  // the page writes it (percent-encoded): one small file per first
  // preview. Without it they come from search-index.json, which search
  // (load) reads too.
  var byURL = {}, previews = null, shardsIn = {};
  var K = +body.getAttribute("data-previews") || 1;
  if (K & (K - 1)) K = 1;
  function load() {
    return json("search-index.json").then(function (list) {
      if (!previews) for (var i = 0; i < list.length; i++) byURL[list[i].u] = list[i];
      return (previews = list);
    });
  }
  function fnv(s) {
    var b = new TextEncoder().encode(s), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 16777619) >>> 0;
    return h;
  }
  function shard(key) { return K > 1 && !previews ? "previews/" + (fnv(key) & (K - 1)) + ".json" : ""; }
  function loaded(key) { var f = shard(key); return f ? shardsIn[f] : previews; }
  function records(key) {
    var f = shard(key);
    if (!f) return load();
    return json(f).then(function (list) {
      if (!shardsIn[f]) for (var i = 0; i < list.length; i++) byURL[list[i].u] = list[i];
      shardsIn[f] = true;
    });
  }

  /* ---------- link previews ---------- */
  var tip = null, current = null, showTimer = 0, hideTimer = 0, lastPointer = 0;
  function target(a) {
    if (!a.closest("main") || a.closest(".search-results")) return null;
    var u, h = a.href;
    // An SVG link's href (the pictures) is an SVGAnimatedString.
    if (typeof h !== "string") h = h && h.baseVal;
    try { u = new URL(h, location.href); } catch (e) { return null; }
    if (u.origin !== location.origin || u.pathname.indexOf(base) !== 0) return null;
    if (u.pathname === location.pathname) {
      // On the same page only entries (terms, events) get a preview, not
      // footnotes or headings.
      var to = u.hash && d.getElementById(decodeURIComponent(u.hash.slice(1)));
      if (!to || !to.matches(".term-entry, .event")) return null;
    }
    return u.pathname + u.hash;
  }
  function fill(a, key) {
    var e = byURL[key], short = a.getAttribute("data-title") || a.classList.contains("term") && a.title;
    if (!e && !short) return false;
    tip.textContent = "";
    tip.appendChild(el("p", "p-meta", e ? meta(e) : say("kind_term")));
    tip.appendChild(el("p", "p-title", e ? e.t : a.textContent));
    var text = short || e.s;
    if (text) tip.appendChild(el("p", "p-text", text));
    return true;
  }
  function place(a) {
    var r = a.getClientRects()[0] || a.getBoundingClientRect();
    var w = tip.offsetWidth, h = tip.offsetHeight, vw = root.clientWidth;
    var x = Math.max(8, Math.min(r.left, vw - w - 8));
    var y = r.bottom + 6;
    if (y + h > innerHeight - 8 && r.top - h - 6 > 8) y = r.top - h - 6;
    tip.style.left = x + scrollX + "px";
    tip.style.top = y + scrollY + "px";
  }
  function preview(a) {
    var key = target(a);
    if (!key) return;
    var run = function () {
      if (current !== a || !fill(a, key)) return;
      tip.hidden = false;
      place(a);
      a.setAttribute("aria-describedby", tip.id);
      if (a.title) { a.setAttribute("data-title", a.title); a.removeAttribute("title"); }
    };
    hide();
    current = a;
    if (loaded(key) || a.classList.contains("term")) run();
    else records(key).then(run, function () {});
  }
  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (current) {
      current.removeAttribute("aria-describedby");
      var t = current.getAttribute("data-title");
      if (t) { current.title = t; current.removeAttribute("data-title"); }
    }
    current = null;
    if (tip) tip.hidden = true;
  }
  if (window.fetch && window.URL) {
    tip = el("div", "preview");
    tip.id = "cp_preview";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    body.appendChild(tip);
    d.addEventListener("pointerdown", function () { lastPointer = Date.now(); }, true);
    d.addEventListener("pointerover", function (ev) {
      if (ev.pointerType === "touch") return;
      if (ev.target.closest && ev.target.closest(".preview")) { clearTimeout(hideTimer); return; }
      var a = ev.target.closest && ev.target.closest("a[href]");
      if (!a || a === current) return;
      clearTimeout(showTimer);
      showTimer = setTimeout(function () { preview(a); }, 300);
    });
    d.addEventListener("pointerout", function (ev) {
      if (ev.pointerType === "touch") return;
      var to = ev.relatedTarget;
      if (to && to.closest && (to.closest(".preview") || current && to.closest("a") === current)) return;
      clearTimeout(showTimer);
      if (current && d.activeElement !== current) hideTimer = setTimeout(hide, 200);
    });
    d.addEventListener("focusin", function (ev) {
      var a = ev.target.closest && ev.target.closest("a[href]");
      if (!a) { hide(); return; }
      if (Date.now() - lastPointer < 600) return; // focus from a click or tap
      preview(a);
    });
    d.addEventListener("focusout", function (ev) { if (ev.target === current) hide(); });
    d.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && current) hide(); });
    addEventListener("resize", hide);
  }

  /* ---------- timeline filter ---------- */
  var filter = d.querySelector(".timeline-filter");
  if (filter) {
    var select = filter.querySelector("select"), fstatus = filter.querySelector("[role=status]");
    var events = d.querySelectorAll(".event");
    var apply = function () {
      var v = select.value, shown = 0;
      events.forEach(function (ev) {
        var on = !v || (" " + (ev.getAttribute("data-demands") || "") + " ").indexOf(" " + v + " ") >= 0;
        ev.hidden = !on;
        if (on) shown++;
      });
      d.querySelectorAll(".timeline .year, .timeline .era").forEach(function (s) {
        s.hidden = !s.querySelector(".event:not([hidden])");
      });
      fstatus.textContent = v ? say("filter_showing", { shown: shown, total: events.length }) : "";
    };
    var v0 = new URLSearchParams(location.search).get("demand");
    if (v0 && select.querySelector('option[value="' + v0.replace(/[^a-z0-9-]/g, "") + '"]')) select.value = v0;
    select.addEventListener("change", function () {
      history.replaceState(null, "", select.value ? "?demand=" + encodeURIComponent(select.value) + location.hash : location.pathname + location.hash);
      apply();
    });
    filter.addEventListener("submit", function (ev) { ev.preventDefault(); });
    apply();
  }

  /* ---------- search.js, fetched when a reader turns to search ---------- */
  // Most readers never search: the search script (<body data-search-src>)
  // comes when the search box is focused, or at once on /search/. It uses
  // what this script shares.
  window.counterpoint = { d: d, root: root, base: base, say: say, has: has, el: el, meta: meta, get: get, json: json, load: load };
  var ssrc = body.getAttribute("data-search-src"), sbox = d.getElementById("q");
  function loadSearch() {
    if (!ssrc || !window.fetch) return;
    var s = el("script");
    s.src = ssrc;
    ssrc = "";
    d.head.appendChild(s);
  }
  if (d.getElementById("q-page") || sbox && d.activeElement === sbox) loadSearch();
  else if (sbox) {
    // Focus, or typing, where a script set the focus without an event.
    sbox.addEventListener("focus", loadSearch);
    sbox.addEventListener("input", loadSearch);
  }
})();
