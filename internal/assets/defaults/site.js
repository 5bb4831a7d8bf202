/* counterpoint built-in script: enhancements only. Every page works
   without it. It adds the theme toggle, search as you type, link previews
   and the timeline filter, and loads nothing but the site's own
   search-index.json, and that only when first needed. */
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

  /* ---------- the index, loaded once on first need ---------- */
  var index = null, byURL = {}, loading = null;
  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function load() {
    if (!loading) {
      loading = fetch(base + "search-index.json").then(function (r) {
        if (!r.ok) throw new Error("search index: HTTP " + r.status);
        return r.json();
      }).then(function (list) {
        for (var i = 0; i < list.length; i++) {
          var e = list[i];
          e.T = fold(e.t);
          e.A = e.a ? fold(e.a).split("; ") : [];
          e.W = fold(e.w);
          e.S = fold(e.s);
          byURL[e.u] = e;
        }
        index = list;
        return list;
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function at(s, t) {
    var p = s.indexOf(t);
    if (p < 0) return 0;
    return p === 0 || !/[a-z0-9]/.test(s.charAt(p - 1)) ? 2 : 1;
  }
  function score(e, t) {
    if (e.T === t) return 100;
    var s = at(e.T, t);
    if (s) return e.T.indexOf(t) === 0 ? 60 : s * 20;
    for (var i = 0; i < e.A.length; i++) {
      if (e.A[i] === t) return 90;
      s = Math.max(s, at(e.A[i], t));
    }
    if (s) return s * 17;
    s = at(e.W, t);
    if (s) return s * 5;
    return at(e.S, t) * 2;
  }
  // search ranks every entry that matches all words of q; it reads the
  // whole index in one pass, a few milliseconds for ten thousand pages.
  function search(q, limit) {
    var words = fold(q).split(/\s+/).filter(Boolean), hits = [];
    if (!words.length || !index) return [];
    for (var i = 0; i < index.length; i++) {
      var total = 0;
      for (var j = 0; j < words.length; j++) {
        var s = score(index[i], words[j]);
        if (!s) { total = 0; break; }
        total += s;
      }
      if (total) hits.push([total, i]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || index[a[1]].t.length - index[b[1]].t.length || a[1] - b[1]; });
    var out = [];
    for (var k = 0; k < hits.length && k < limit; k++) out.push(index[hits[k][1]]);
    out.total = hits.length;
    return out;
  }
  // The plural form for n in the page's language comes from the browser's
  // CLDR rules (one, few, many, other...); a form the labels lack is "other".
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(root.lang || "en") : null;
  function plural(n) {
    var k = "search_result_" + (rules ? rules.select(n) : n === 1 ? "one" : "other");
    return say(k in LABELS || k in EN ? k : "search_result_other", { n: n });
  }

  /* ---------- search box: an ARIA combobox ---------- */
  function combobox(input) {
    var form = input.form, id = input.id + "_list";
    var list = el("ul", "search-results"), status = el("p", "visually-hidden");
    var results = [], active = -1, seq = 0;
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
    function render() {
      var q = input.value.trim();
      if (!q) { close(); status.textContent = ""; return; }
      if (!index) { load().then(render, function () {}); return; }
      results = search(q, 8);
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      results.forEach(function (e, i) {
        var li = el("li");
        li.id = id + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.appendChild(el("span", "r-title", e.t));
        li.appendChild(el("span", "r-meta", meta(e)));
        list.appendChild(li);
      });
      if (!results.length) {
        var none = el("li", "none", say("search_no_matches"));
        none.setAttribute("aria-disabled", "true");
        none.setAttribute("role", "option");
        none.id = id + "none";
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      var n = ++seq;
      setTimeout(function () {
        if (n === seq) status.textContent = results.length ? plural(results.total) + (results.total > results.length ? say("search_showing", { n: results.length }) : "") + ". " + say("search_choose") : say("search_no_results");
      }, 400);
    }
    function go(i) {
      var e = results[i];
      if (e) location.href = e.u;
    }
    input.addEventListener("focus", function () { load().catch(function () {}); });
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
  if (box && box.form && window.fetch) combobox(box);

  /* ---------- the search page: results as a list of links ---------- */
  var page = d.getElementById("q-page"), out = d.getElementById("search-results");
  if (page && out && window.fetch) {
    var pstatus = d.getElementById("search_status"), all = d.querySelector(".all-pages");
    var showResults = function () {
      var q = page.value.trim();
      if (!q) { out.hidden = true; out.textContent = ""; pstatus.textContent = ""; if (all) all.hidden = false; return; }
      load().then(function () {
        var res = search(q, 50);
        out.textContent = "";
        res.forEach(function (e) {
          var li = el("li"), a = el("a", "", e.t);
          a.href = e.u;
          li.appendChild(a);
          li.appendChild(el("span", "r-meta", meta(e)));
          if (e.s) li.appendChild(el("p", "", e.s));
          out.appendChild(li);
        });
        out.hidden = !res.length;
        // Results take the place of the full list, which stays for no match.
        if (all) all.hidden = !!res.length;
        pstatus.textContent = res.length ? say("search_results_for", { results: plural(res.total), q: q }) + (res.total > res.length ? say("search_showing_first", { n: res.length }) : "") + "." : say("search_none_for", { q: q });
      }, function () { pstatus.textContent = say("search_unavailable"); });
    };
    var q0 = new URLSearchParams(location.search).get("q");
    if (q0) page.value = q0;
    page.addEventListener("input", showResults);
    page.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      history.replaceState(null, "", "?q=" + encodeURIComponent(page.value.trim()));
      showResults();
    });
    showResults();
  }

  /* ---------- link previews ---------- */
  var tip = null, current = null, showTimer = 0, hideTimer = 0, lastPointer = 0;
  function target(a) {
    if (!a.closest("main") || a.closest(".search-results")) return null;
    var u;
    try { u = new URL(a.href, location.href); } catch (e) { return null; }
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
    if (index || a.classList.contains("term")) run();
    else load().then(run, function () {});
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
})();
