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
#
# Go 1.26's fuzzing coordinator can end a run at its -fuzztime deadline
# with "context deadline exceeded" while a worker is still busy, writing
# no failing input (go.dev/issue/75804, fixed in Go 1.27). Such a run is
# reported as a flake, not a failure; anything else that fails does fail.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
failed=()
flaked=()
start=$SECONDS
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for f in $(grep -rl --include='*_test.go' '^func Fuzz' internal | sort); do
  pkg=./$(dirname "$f")
  for t in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //'); do
    echo "== fuzz $pkg $t (${secs}s)"
    # Short runs spend their time fuzzing, not shrinking new inputs.
    if go test "$pkg" -run '^$' -fuzz "^${t}\$" -fuzztime "${secs}s" -fuzzminimizetime 10x 2>&1 | tee "$log"; then
      continue
    fi
    if grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log"; then
      echo "   flake: the run ended at its deadline with no failing input (go.dev/issue/75804)"
      flaked+=("$pkg $t")
    else
      failed+=("$pkg $t")
      grep 'Failing input written to' "$log" | sed 's/^ */   /' || true
    fi
  done
done
echo "== fuzzing took $((SECONDS - start)) s"
if [ ${#flaked[@]} -gt 0 ]; then
  printf 'fuzz target ended at its deadline without a failing input: %s\n' "${flaked[@]}"
fi
if [ ${#failed[@]} -gt 0 ]; then
  printf 'fuzz target failed: %s\n' "${failed[@]}"
  exit 1
fi
