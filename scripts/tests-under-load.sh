#!/usr/bin/env bash
# Runs the README's test command RUNS times in a row while a 10,000-source
# build loops in the background, and prints how each run ended: the tests
# must hold on a busy 2-core machine, not only on an idle one.
#   usage: scripts/tests-under-load.sh [RUNS=3] [SOURCES=10000]
# Needs python3 and the corpus generator gencorpus.py (beside the repository
# in ../shared/bench, or at $GENCORPUS). Each run's output is kept in
# $LOGDIR (default: a temporary directory, printed at the end).
set -uo pipefail
runs=${1:-3}; sources=${2:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
gen=${GENCORPUS:-$root/../shared/bench/gencorpus.py}
[ -f "$gen" ] || { echo "gencorpus.py not found (set GENCORPUS)"; exit 1; }
work=$(mktemp -d)
logs=${LOGDIR:-$work/logs}; mkdir -p "$logs"
(cd "$root" && go build -o "$work/counterpoint" ./cmd/counterpoint) || exit 1
python3 "$gen" "$sources" "$work/corpus" >/dev/null

# The load: fresh builds of the corpus, one after another, until told to stop.
(
  n=0
  while [ ! -e "$work/stop" ]; do
    rm -rf "$work/out" "$work/.out.prev"
    "$work/counterpoint" build --source "$work/corpus/ours" --dest "$work/out" >/dev/null 2>&1
    n=$((n + 1)); echo "$n" >"$work/builds"
  done
) &
loader=$!
trap 'touch "$work/stop"; wait "$loader" 2>/dev/null' EXIT

# Every run tests afresh: a result from Go's test cache would prove nothing.
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-count=1"
failed=0
for i in $(seq "$runs"); do
  start=$(date +%s)
  (cd "$root" && go test -race ./...) >"$logs/run$i.log" 2>&1
  rc=$?
  fails=$(grep -c -E '^(--- FAIL|FAIL)' "$logs/run$i.log")
  echo "run $i: exit $rc, $fails FAIL lines, $(( $(date +%s) - start )) s, background builds so far: $(cat "$work/builds" 2>/dev/null || echo 0)"
  [ "$rc" = 0 ] || failed=$((failed + 1))
done
echo "logs in $logs"
[ "$failed" = 0 ]
