/* Runs in <head> before the first paint: marks the page as scripted (so
   controls that need JavaScript show without moving the layout later) and
   applies the reader's saved colour scheme so the page never flashes the
   other one. */
(function (r) {
  r.classList.add("js");
  try {
    var t = localStorage.getItem("theme");
    if (t === "dark" || t === "light") r.setAttribute("data-theme", t);
  } catch (e) {}
})(document.documentElement);
