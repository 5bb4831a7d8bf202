#!/usr/bin/env bash
# What the file system alone costs a fresh build: runs compare-hugo.sh's
# fresh loop, but in place of counterpoint copies Hugo's own finished
# output (cp -a, no rendering at all) after the same deletions. The copy's
# time over Hugo's is the lowest wall ratio any generator writing that
# many files could reach on this file system.
#   usage: scripts/fresh-floor.sh [SOURCES=10000] [RUNS=5]
# Needs what compare-hugo.sh needs. TMPDIR picks the file system.
set -euo pipefail
sources=${1:-10000}; runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
gen=${GENCORPUS:-$root/../shared/bench/gencorpus.py}
[ -f "$gen" ] || { echo "gencorpus.py not found (set GENCORPUS)"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
hugo=$(command -v hugo || true)
if [ -z "$hugo" ] || ! "$hugo" version | grep -q v0.152.2; then
  hugo=$(go env GOPATH)/bin/hugo
  [ -x "$hugo" ] && "$hugo" version | grep -q v0.152.2 || go install github.com/gohugoio/hugo@v0.152.2
fi
python3 "$gen" "$sources" "$work/corpus" >/dev/null
(cd "$work/corpus/hugo" && "$hugo" --quiet -d "$work/built")
one() { # label command...
  local label=$1; shift
  rm -rf "$work/out-copy" "$work/out-hugo"; sync
  /usr/bin/time -a -o "$work/times" -f "$label %e %U %S" "$@" >/dev/null 2>>"$work/err" || { cat "$work/err"; exit 1; }
}
for _ in $(seq "$runs"); do
  one copy cp -a "$work/built" "$work/out-copy"
  (cd "$work/corpus/hugo" && one hugo "$hugo" --quiet -d "$work/out-hugo")
done
python3 - "$work/times" "$sources" "$(find "$work/built" | wc -l)" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1]) if l.split() and l.split()[0] in ("copy", "hugo")]
med = lambda k, i: st.median(float(r[i]) for r in rows if r[0] == k)
c, h = med("copy", 1), med("hugo", 1)
print(f"sources={sys.argv[2]} inodes={sys.argv[3]} cp -a of Hugo's output {c:.3f}s (sys {med('copy', 3):.2f}s) | hugo {h:.3f}s (sys {med('hugo', 3):.2f}s) | floor ratio {c/h:.3f}")
PY
