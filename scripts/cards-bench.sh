#!/usr/bin/env bash
# What the social cards cost a build of the synthetic site: the same site
# built with cards on and with `pictures: {cards: false}`, into an empty
# destination (as a CI deploy) with a cold and a warm cache, and into the
# kept destination of the previous build; then the bytes the cards add.
#   usage: scripts/cards-bench.sh [SOURCES=10000] [RUNS=5]
# Needs python3, hyperfine and the corpus generator gencorpus.py (beside
# the repository in ../shared/bench, or at $GENCORPUS).
set -euo pipefail
sources=${1:-10000}; runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
gen=${GENCORPUS:-$root/../shared/bench/gencorpus.py}
[ -f "$gen" ] || { echo "gencorpus.py not found (set GENCORPUS)"; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine not found"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/cp" ./cmd/counterpoint)
python3 "$gen" "$sources" "$work/on" >/dev/null
cp -r "$work/on" "$work/off"
python3 - "$work/off/ours/content/_index.md" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
head, rest = s[4:].split("\n---", 1)
open(p, "w").write("---\n" + head + "\npictures: {cards: false}\n---" + rest)
PY
build() { # site dest cache
  echo "cd $work/$1/ours && $work/cp build --base-url https://example.org/ --dest $work/$2 --cache-dir $work/$3"
}
fresh() { echo "rm -rf $work/$1 $work/.$1.prev"; }
h() { hyperfine --style basic --runs "$runs" --export-json "$work/$1.json" "${@:2}" >/dev/null; python3 - "$work/$1.json" "$1" <<'PY'
import json, sys, statistics as st
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{sys.argv[2]:<24} wall median {st.median(r['times']):6.2f} s (min {min(r['times']):.2f})  user+sys mean {r['user'] + r['system']:6.2f} s")
PY
}
h "off, fresh" --prepare "$(fresh d-off)" "$(build off d-off c-off)"
h "on, fresh, cold cache" --prepare "$(fresh d-on); rm -rf $work/c-on" "$(build on d-on c-on)"
h "on, fresh, warm cache" --prepare "$(fresh d-on)" "$(build on d-on c-on)"
h "off, rebuild" --warmup 2 "$(build off d-off c-off)"
h "on, rebuild" --warmup 2 "$(build on d-on c-on)"
cards=$(find "$work/d-on/assets/cards" -type f | wc -l)
bytes=$(find "$work/d-on/assets/cards" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "cards: $cards files, $bytes bytes ($((bytes / cards)) per card); destination $(du -sb "$work/d-on" | cut -f1) bytes with cards, $(du -sb "$work/d-off" | cut -f1) without"
