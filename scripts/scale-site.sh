#!/usr/bin/env bash
# Writes a synthetic site that stresses how the build scales, for measuring
# time, memory and output size with /usr/bin/time -v.
#   usage: scripts/scale-site.sh plain N DIR     N plain pages (content/pages/p-i.md)
#          scripts/scale-site.sh anchors N DIR   one page of N "## Head i" + [x](#head-i) pairs
#          scripts/scale-site.sh anchors3 N DIR  three such pages
# then e.g.: /usr/bin/time -v counterpoint build --source DIR
set -euo pipefail
kind=${1:?kind: plain, anchors or anchors3}; n=${2:?N}; dir=${3:?DIR}
mkdir -p "$dir/content"
printf -- '---\ntitle: Scale test\nsummary: A generated site.\n---\nHome.\n' >"$dir/content/_index.md"
anchors() { # file
  {
    printf -- '---\ntitle: Anchors\n---\n'
    awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) printf "## Head %d\n\n[x](#head-%d)\n\n", i, i }'
  } >"$1"
}
case $kind in
plain)
  mkdir -p "$dir/content/pages"
  awk -v n="$n" -v d="$dir/content/pages" 'BEGIN {
    for (i = 1; i <= n; i++) {
      f = sprintf("%s/p-%d.md", d, i)
      printf "---\ntitle: Plain page %d\nsummary: Page %d of a generated site.\n---\nSome text for page %d.\n", i, i, i > f
      close(f)
    }
  }'
  ;;
anchors) anchors "$dir/content/anchors.md" ;;
anchors3) for i in 1 2 3; do anchors "$dir/content/anchors-$i.md"; done ;;
*) echo "unknown kind $kind" >&2; exit 2 ;;
esac
