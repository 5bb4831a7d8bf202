#!/usr/bin/env bash
# Builds the same synthetic explainer site with counterpoint and with Hugo,
# in turns, and prints each one's median wall time and peak memory and the
# ratios.
#   usage: scripts/compare-hugo.sh [SOURCES=10000] [RUNS=5] [MODE=rebuild]
# MODE rebuild keeps both outputs between runs (a writer building again);
# MODE fresh deletes both, untimed, before every run (a CI deploy);
# MODE floor is fresh with counterpoint replaced by a copy (cp -a) of
# Hugo's finished output: what the file system alone costs a fresh build,
# the lowest ratio any generator writing that many files could reach.
# The work directory is made with mktemp, so TMPDIR picks the file system
# (see scripts/on-journaled-ext4.sh).
# Needs python3, GNU time (/usr/bin/time), the corpus generator gencorpus.py
# (found beside the repository in ../shared/bench, or at $GENCORPUS) and
# Hugo v0.152.2 (installed with 'go install' on first use).
set -euo pipefail
sources=${1:-10000}; runs=${2:-5}; mode=${3:-rebuild}
case "$mode" in fresh|rebuild|floor) ;; *) echo "MODE is rebuild, fresh or floor" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
gen=${GENCORPUS:-$root/../shared/bench/gencorpus.py}
[ -f "$gen" ] || { echo "gencorpus.py not found (set GENCORPUS)"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
hugo=$(command -v hugo || true)
if [ -z "$hugo" ] || ! "$hugo" version | grep -q v0.152.2; then
  hugo=$(go env GOPATH)/bin/hugo
  [ -x "$hugo" ] && "$hugo" version | grep -q v0.152.2 || go install github.com/gohugoio/hugo@v0.152.2
fi
(cd "$root" && go build -o "$work/counterpoint" ./cmd/counterpoint)
python3 "$gen" "$sources" "$work/corpus" >/dev/null
ours=("$work/counterpoint" build --dest "$work/out-ours")
if [ "$mode" = floor ]; then
  (cd "$work/corpus/hugo" && "$hugo" --quiet -d "$work/built")
  ours=(cp -a "$work/built" "$work/out-ours")
fi
one() { # label dir command...
  local label=$1 dir=$2; shift 2
  if [ "$mode" != rebuild ]; then rm -rf "$work/out-ours" "$work/.out-ours.prev" "$work/out-hugo"; sync; fi
  (cd "$dir" && /usr/bin/time -a -o "$work/times" -f "$label %e %M %U %S" "$@" >/dev/null 2>>"$work/err") || { cat "$work/err"; exit 1; }
  if [ "$label" = ours ]; then find "$work/out-ours" | wc -l >"$work/paths"; fi
}
one warm "$work/corpus/ours" "${ours[@]}"
one warm "$work/corpus/hugo" "$hugo" --quiet -d "$work/out-hugo"
for _ in $(seq "$runs"); do
  one ours "$work/corpus/ours" "${ours[@]}"
  one hugo "$work/corpus/hugo" "$hugo" --quiet -d "$work/out-hugo"
done
label=counterpoint; [ "$mode" = floor ] && label="cp -a of Hugo's output"
python3 - "$work/times" "$sources" "$mode" "$label" "$(cat "$work/paths")" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1]) if l.split() and l.split()[0] in ("ours", "hugo")]
med = lambda k, i: st.median(float(r[i]) for r in rows if r[0] == k)
o, h = med("ours", 1), med("hugo", 1)
om, hm = med("ours", 2) / 1024, med("hugo", 2) / 1024
print(f"sources={sys.argv[2]} mode={sys.argv[3]} {sys.argv[4]} {o:.3f}s {om:.0f}MiB (user {med('ours', 3):.2f}s sys {med('ours', 4):.2f}s, {sys.argv[5]} paths)"
      f" | hugo {h:.3f}s {hm:.0f}MiB (user {med('hugo', 3):.2f}s sys {med('hugo', 4):.2f}s) | wall ratio {o/h:.3f} | memory ratio {om/hm:.3f}")
PY
