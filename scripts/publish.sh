#!/usr/bin/env bash
# Build the site for publishing at BASE_URL and check the output before it
# goes anywhere. The GitHub Pages workflow (.github/workflows/pages.yml)
# runs this, and so does .ci/run.
#
#   scripts/publish.sh BASE_URL [DEST]
#
# BASE_URL is the address the site is published at, e.g.
# https://example.org/sub/dir/ (a missing trailing slash is added). DEST is
# the output directory, public/ at the repository root by default. The
# site is built with --compress (.gz and .br copies of text files), then:
# every root-relative link and asset in every HTML file must start with
# the base path, _headers must be there with every rule under the base
# path, and the compressed copies must decompress to their originals.
# Set COUNTERPOINT to a built binary to use it instead of `go run`.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ] || [ -z "$1" ]; then
  echo "usage: scripts/publish.sh BASE_URL [DEST]" >&2
  exit 2
fi
base_url=$1
dest=${2:-}
if [ -n "$dest" ] && [ "${dest#/}" = "$dest" ]; then
  dest="$PWD/$dest" # relative to where the script was called from
fi
cd "$(dirname "$0")/.."
dest=${dest:-public}

# The path of the base URL: https://host/sub/dir -> /sub/dir/
case $base_url in
  http://*|https://*)
    rest=${base_url#*://}
    case $rest in
      */*) base_path=/${rest#*/} ;;
      *) base_path=/ ;;
    esac ;;
  /*) base_path=$base_url ;;
  *) echo "publish: BASE_URL must be an http(s) URL or a path starting with /, not $base_url" >&2; exit 2 ;;
esac
base_path=${base_path%%[?#]*}
case $base_path in */) ;; *) base_path=$base_path/ ;; esac

echo "== build for $base_url into $dest"
if [ -n "${COUNTERPOINT:-}" ]; then
  "$COUNTERPOINT" build --base-url "$base_url" --dest "$dest" --compress
else
  go run ./cmd/counterpoint build --base-url "$base_url" --dest "$dest" --compress
fi

echo "== check the output"
fail=0
problem() { echo "publish: $*" >&2; fail=1; }

[ -f "$dest/index.html" ] || problem "$dest/index.html is missing"
[ -f "$dest/404.html" ] || problem "$dest/404.html is missing"

# _headers: there, and every rule under the base path.
if [ -f "$dest/_headers" ]; then
  grep -qxF "${base_path}*" "$dest/_headers" || problem "_headers has no rule for ${base_path}*"
  grep -qxF "${base_path}assets/*" "$dest/_headers" || problem "_headers has no rule for ${base_path}assets/*"
  grep -q '^  Content-Security-Policy: ' "$dest/_headers" || problem "_headers sets no Content-Security-Policy"
  while IFS= read -r rule; do
    case $rule in "$base_path"*) ;; *) problem "_headers rule $rule is outside $base_path" ;; esac
  done < <(grep '^/' "$dest/_headers")
else
  problem "$dest/_headers is missing"
fi

# Every root-relative href, src, action or srcset URL starts with the base
# path; a link that does not leads off the published site.
html_files=$(find "$dest" -name '*.html' -type f | wc -l)
[ "$html_files" -gt 0 ] || problem "no HTML files in $dest"
refs=$(find "$dest" -name '*.html' -type f -exec grep -HoE '(href|src|action|srcset|data-base)="/[^"]*"' {} + || true)
nrefs=$(printf '%s' "$refs" | grep -c . || true)
bad=$(printf '%s\n' "$refs" | grep -vF "=\"$base_path" | grep . || true)
if [ -n "$bad" ]; then
  problem "links outside $base_path:"
  printf '%s\n' "$bad" | head -20 >&2
fi

# The compressed copies decompress to their originals.
copies=0
while IFS= read -r gz; do
  if ! gzip -dc "$gz" | cmp -s - "${gz%.gz}"; then problem "$gz does not decompress to ${gz%.gz}"; fi
  [ -f "${gz%.gz}.br" ] || problem "${gz%.gz} has a .gz copy but no .br"
  copies=$((copies + 1))
done < <(find "$dest" -name '*.gz' -type f)
[ -f "$dest/index.html.gz" ] || problem "index.html has no compressed copy"

if [ "$fail" != 0 ]; then
  echo "publish: $dest is not fit to publish at $base_url" >&2
  exit 1
fi
echo "publish: $html_files HTML files, $nrefs root-relative links all under $base_path, _headers, $copies .gz and as many .br copies: $dest is ready for $base_url"
