#!/usr/bin/env bash
# serve-latency.sh measures how long `counterpoint serve` takes from saving
# a file to serving the changed page. For each corpus size it generates the
# benchmark site (shared/bench/gencorpus.py), starts serve on 127.0.0.1:0,
# edits one demand page 15 times with a unique marker, polls the page over
# HTTP until the marker shows, and prints min/median/max.
#
# usage: scripts/serve-latency.sh [SIZES]     SIZES defaults to 1000,10000
# COUNTERPOINT_GENCORPUS overrides the path of gencorpus.py.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${1:-1000,10000}"
if [ -z "${COUNTERPOINT_GENCORPUS:-}" ]; then
  for g in ../shared/bench/gencorpus.py; do
    if [ -f "$g" ]; then COUNTERPOINT_GENCORPUS="$(cd "$(dirname "$g")" && pwd)/$(basename "$g")"; break; fi
  done
fi
export COUNTERPOINT_GENCORPUS
COUNTERPOINT_LATENCY="$sizes" go test ./internal/serve -run '^TestServeLatency$' -count=1 -v -timeout 30m |
  grep -E '^(latency|--- |ok|FAIL|panic)|serve_'
