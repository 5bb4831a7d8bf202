// Live reload for `counterpoint serve`. The server adds this script to
// every page it serves; it is never part of a build. It listens to the
// server's event stream and reloads the page when the page changed,
// swaps stylesheets in place when only CSS changed, and shows an overlay
// listing the errors while the build is broken.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.EventSource || window.__counterpointReload) return;
  window.__counterpointReload = true;
  var build = me.getAttribute("data-build");
  var notFound = me.hasAttribute("data-notfound");
  var always = me.hasAttribute("data-always"); // the audit page: every build changes it
  var key = "counterpoint:scroll:" + location.pathname;

  // Come back to where the reader was before a reload.
  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      var xy = saved.split(",");
      var restore = function () { window.scrollTo(+xy[0] || 0, +xy[1] || 0); };
      if (document.readyState === "complete") restore();
      else window.addEventListener("load", restore);
    }
  } catch (e) {}

  function reload() {
    try { sessionStorage.setItem(key, window.scrollX + "," + window.scrollY); } catch (e) {}
    location.reload();
  }

  function isMine(pages, base) {
    var here = location.pathname.replace(/index\.html$/, "");
    for (var i = 0; i < pages.length; i++) {
      if (pages[i] === here || (notFound && pages[i] === base + "404.html")) return true;
    }
    return false;
  }

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // Point each matching <link rel=stylesheet> at the new file. The old
  // ones go once the new one has loaded, so the page never shows unstyled;
  // a link already being replaced is left alone, and its replacement takes
  // it along when a newer swap overtakes it.
  function swap(css, base, id) {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]:not([data-counterpoint-old])');
    Array.prototype.forEach.call(links, function (link) {
      var p = new URL(link.href, location.href).pathname;
      css.forEach(function (s) {
        if (!new RegExp("(^|/)" + escapeRe(s.stem) + "(\\.[0-9a-f]{6,})?\\.css$").test(p)) return;
        var next = link.cloneNode();
        next.href = base + s.href + (s.bust ? "?v=" + encodeURIComponent(id) : "");
        var olds = (link.__counterpointOlds || []).concat([link]);
        next.__counterpointOlds = olds;
        link.setAttribute("data-counterpoint-old", "");
        var done = function () {
          olds.forEach(function (o) { o.remove(); });
          next.__counterpointOlds = [];
        };
        next.addEventListener("load", done);
        next.addEventListener("error", done);
        link.after(next);
      });
    });
  }

  var overlay = null;
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // One problem: its text, linked to the file and line in the writer's
  // editor when serve was given one (--editor).
  function item(e) {
    var li = el("li");
    if (e.href) {
      var a = el("a", "", e.text);
      a.href = e.href;
      li.appendChild(a);
    } else {
      li.textContent = e.text;
    }
    return li;
  }
  // Warnings do not stop the build: a panel in a corner lists them and
  // leaves the page readable.
  function showWarnings(warnings) {
    if (!warnings || !warnings.length) return;
    overlay = document.createElement("counterpoint-overlay");
    overlay.id = "__counterpoint-overlay";
    var root = overlay.attachShadow({ mode: "open" });
    var css =
      ".panel{position:fixed;right:1rem;bottom:1rem;z-index:2147483647;max-width:min(40rem,calc(100vw - 2rem));max-height:40vh;overflow:auto;" +
      "box-sizing:border-box;padding:1rem 1.25rem;border-radius:6px;border:1px solid #a16207;background:rgba(24,24,27,.95);color:#fde68a;" +
      "font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}" +
      "h2{margin:0 0 .5rem;color:#fff;font:600 15px/1.3 system-ui,sans-serif}" +
      "ol{margin:0;padding-left:1.25rem}li{margin:0 0 .4rem;white-space:pre-wrap;overflow-wrap:anywhere}" +
      "a{color:inherit}" +
      "button{position:absolute;top:.5rem;right:.5rem;font:inherit;color:#fff;background:none;border:1px solid #71717a;border-radius:4px;cursor:pointer}";
    var box = el("div", "panel");
    box.setAttribute("role", "status");
    box.appendChild(el("h2", "", warnings.length + (warnings.length === 1 ? " warning" : " warnings")));
    var list = el("ol");
    warnings.forEach(function (e) { list.appendChild(item(e)); });
    box.appendChild(list);
    var close = el("button", "", "close");
    close.addEventListener("click", hide);
    box.appendChild(close);
    style(root, css);
    root.appendChild(box);
    document.documentElement.appendChild(overlay);
  }
  // A constructed stylesheet, which the pages' Content-Security-Policy
  // (style-src 'self', no inline style) allows; a <style> element it blocks.
  function style(root, css) {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      root.appendChild(el("style", "", css));
    }
  }
  // The overlay lives in a shadow root so the site's CSS cannot touch it,
  // and every error is set as text, never parsed as HTML.
  function show(errors, warnings) {
    hide();
    if (!errors || !errors.length) { showWarnings(warnings); return; }
    overlay = document.createElement("counterpoint-overlay");
    overlay.id = "__counterpoint-overlay";
    var root = overlay.attachShadow({ mode: "open" });
    var css =
      ".box{position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:2rem;" +
      "background:rgba(24,24,27,.95);color:#fecaca;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}" +
      "h2{margin:0 0 1rem;color:#fff;font:600 18px/1.3 system-ui,sans-serif}" +
      "ol{margin:0;padding-left:1.5rem}li{margin:0 0 .5rem;white-space:pre-wrap;overflow-wrap:anywhere}" +
      "p{color:#d4d4d8;font:14px/1.4 system-ui,sans-serif}a{color:inherit}h3{color:#fde68a;font:600 15px/1.3 system-ui,sans-serif}" +
      "button{position:absolute;top:1rem;right:1rem;font:inherit;color:#fff;background:none;border:1px solid #71717a;border-radius:4px;cursor:pointer}";
    var box = el("div", "box");
    box.setAttribute("role", "alert");
    box.appendChild(el("h2", "", "Build failed: " + errors.length + (errors.length === 1 ? " error" : " errors")));
    var list = el("ol");
    errors.forEach(function (e) { list.appendChild(item(e)); });
    box.appendChild(list);
    if (warnings && warnings.length) {
      box.appendChild(el("h3", "", warnings.length + (warnings.length === 1 ? " warning" : " warnings")));
      var wl = el("ol");
      warnings.forEach(function (e) { wl.appendChild(item(e)); });
      box.appendChild(wl);
    }
    box.appendChild(el("p", "", "This page shows the last good build. Fix the files and this goes away."));
    var audit = el("a", "", "Balance audit");
    audit.href = "/__counterpoint/audit";
    box.appendChild(el("p")).appendChild(audit);
    var close = el("button", "", "close");
    close.addEventListener("click", hide);
    box.appendChild(close);
    style(root, css);
    root.appendChild(box);
    document.documentElement.appendChild(overlay);
  }

  function connect() {
    var es = new EventSource("/__counterpoint/events");
    es.addEventListener("hello", function (e) {
      var d = JSON.parse(e.data);
      // Another build than the one this page came from: it was missed
      // while disconnected, or the server restarted.
      if (d.build !== build) { reload(); return; }
      show(d.errors, d.warnings);
    });
    es.addEventListener("change", function (e) {
      var d = JSON.parse(e.data);
      hide();
      if (d.reload || always || isMine(d.pages || [], d.base)) { reload(); return; }
      if (d.css && d.css.length) swap(d.css, d.base, d.build);
      build = d.build;
      show([], d.warnings);
    });
    es.addEventListener("errors", function (e) {
      var d = JSON.parse(e.data);
      show(d.errors, d.warnings);
    });
    // The browser reconnects by itself after a network error, but gives up
    // for good after some failures (a non-stream answer): start over then.
    es.addEventListener("error", function () {
      if (es.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    });
  }
  connect();
})();
