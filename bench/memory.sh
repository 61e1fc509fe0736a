#!/usr/bin/env bash
# Measures the peak memory of handout build for SMALL (default 100) and
# LARGE (default 10000) outputs, built from copies of the two English
# built-in handouts (as bench/run.sh), and the ratio of the two (target: at most 1.2, and under 100 MB).
#
#   bench/memory.sh
#   SMALL=200 LARGE=2000 bench/memory.sh
#   GOMEMLIMIT=24MiB bench/memory.sh   # the collector as you set it
#
# Needs Go and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/handout" ./cmd/handout

. bench/inputs.sh

peak() { # outputs -> peak memory in KB
  local outputs=$1 in="$work/in-$1"
  make_inputs "$in" "$outputs" > /dev/null
  /usr/bin/time -f "%M" -o "$work/mem" "$work/handout" build "$in" -o "$work/out-$outputs" > /dev/null
  rm -rf "$in" "$work/out-$outputs" "$work/assets"
  cat "$work/mem"
}
small=$(peak "${SMALL:-100}")
large=$(peak "${LARGE:-10000}")
awk -v s="$small" -v l="$large" -v sn="${SMALL:-100}" -v ln="${LARGE:-10000}" 'BEGIN {
  printf "peak memory, %d outputs: %6.1f MB\n", sn, s / 1024
  printf "peak memory, %d outputs: %6.1f MB\n", ln, l / 1024
  printf "ratio: %.2f (target at most 1.2, and under 100 MB)\n", l / s
}'
