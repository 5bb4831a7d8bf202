#!/usr/bin/env bash
# hostile-inputs.sh builds one-page sites whose Markdown bodies are shaped
# to make the build slow or greedy (scripts/hostile: many footnotes, huge
# code blocks, 7 MiB of "[" and the like) and prints, per site, the wall
# time, CPU time (user and system: the fairer figure on a busy machine)
# and peak memory of `counterpoint check`, its exit status and the
# first line it printed on stderr. Each body is within the 8 MiB file
# limit; the goal is at most 2 s and 512 MiB per file (1 GiB for the rows
# of three files), whether the file is built or refused.
#
# usage: scripts/hostile-inputs.sh [ROW...]     all rows by default
# COUNTERPOINT=path runs that binary instead of building this checkout
# (to measure an older commit); TIMEOUT (seconds, default 200) caps a row.
# The body is one function, read whole before it runs, so editing the
# script while it runs cannot change a run.
main() {
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bin="${COUNTERPOINT:-}"
if [ -z "$bin" ]; then
  bin="$work/counterpoint"
  go build -o "$bin" ./cmd/counterpoint
fi
go build -o "$work/hostile" ./scripts/hostile
if [ "$#" -gt 0 ]; then rows=("$@"); else mapfile -t rows < <("$work/hostile" -list); fi
printf '%-26s %8s %8s %9s %5s  %s\n' input seconds 'cpu s' 'peak MiB' exit 'first line of stderr'
for row in "${rows[@]}"; do
  site="$work/$row"
  "$work/hostile" "$row" "$site"
  set +e
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" timeout -k 10 "${TIMEOUT:-200}" \
    "$bin" check --source "$site" >/dev/null 2>"$work/stderr"
  code=$?
  set -e
  read -r secs user sys kib < <(tail -n 1 "$work/time")
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
  first="$(head -n 1 "$work/stderr" | sed "s|$site/||" | cut -c1-110)"
  if [ "$code" = 124 ] || [ "$code" = 137 ]; then first="timed out after ${TIMEOUT:-200} s"; fi
  printf '%-26s %8s %8s %9d %5s  %s\n' "$row" "$secs" "$cpu" "$((kib / 1024))" "$code" "$first"
  rm -rf "$site"
done
}
main "$@"
