#!/usr/bin/env bash
# Runs every native fuzz target (every `func FuzzX(f *testing.F)` in a
# _test.go file under internal/) for a short time each. A failure leaves
# the crashing input under the package's testdata/fuzz/FuzzX/, where it
# becomes a regression test that plain `go test` runs from then on: commit
# it with the fix. All targets run even when one fails; the script fails
# at the end if any did.
#
#   usage: .ci/fuzz.sh [SECONDS per target, default 15]
#
# Twelve targets at 15 s take about four minutes on two cores, compiling
# included. For a longer local run: .ci/fuzz.sh 120
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
failed=()
start=$SECONDS
for f in $(grep -rl --include='*_test.go' '^func Fuzz' internal | sort); do
  pkg=./$(dirname "$f")
  for t in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //'); do
    echo "== fuzz $pkg $t (${secs}s)"
    # Short runs spend their time fuzzing, not shrinking new inputs.
    if ! go test "$pkg" -run '^$' -fuzz "^${t}\$" -fuzztime "${secs}s" -fuzzminimizetime 5s; then
      failed+=("$pkg $t")
      ls -t "$pkg/testdata/fuzz/$t" 2>/dev/null | head -1 | sed "s|^|   crasher: $pkg/testdata/fuzz/$t/|" || true
    fi
  done
done
echo "== fuzzing took $((SECONDS - start)) s"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'fuzz target failed: %s\n' "${failed[@]}"
  exit 1
fi
