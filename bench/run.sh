#!/usr/bin/env bash
# Measures handout against a hand-written go-pdf/fpdf program (bench/baseline)
# in the same run: documents per second and peak memory for OUTPUTS PDFs
# (default 1000), built from copies of the built-in handouts, plus the ratio.
#
#   bench/run.sh            # 1000 outputs
#   OUTPUTS=200 bench/run.sh
#   HANDOUT_FLAGS="-j 2" bench/run.sh   # extra flags for handout build
#
# Needs Go and GNU time (/usr/bin/time). Figures are whole-process wall
# times on this machine; compare ratios, not absolute numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
outputs=${OUTPUTS:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/handout" ./cmd/handout
# The baseline is a module of its own, built against go-pdf/fpdf as
# published (handout builds against its patched copy in third_party/fpdf).
(cd bench/baseline && go build -o "$work/baseline" .)

# Each handout gives two outputs (Letter and A4): outputs/2 copies, split
# between the two built-in handouts, each with its own id.
mkdir -p "$work/in"
copies=$(( outputs / 4 ))
for f in handouts/*.yaml; do
  base=$(basename "$f" .yaml)
  for i in $(seq 1 "$copies"); do
    sed "s/^id: .*/id: $base-$i/" "$f" > "$work/in/$base-$i.yaml"
  done
done
cp -r assets "$work/assets"
n=$(( copies * 2 * 2 ))

measure() { # name, command...
  local name=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/$name.mem" "$@" > /dev/null
  t1=$(date +%s.%N)
  echo "$t0 $t1" > "$work/$name.time"
}

# handout does real work on every file: clear the output between runs so no
# run can skip unchanged files.
rm -rf "$work/out-h" "$work/out-b"
measure handout "$work/handout" build "$work/in" -o "$work/out-h" ${HANDOUT_FLAGS:-}
measure baseline "$work/baseline" -n "$n" -j 2 -o "$work/out-b" -fonts "$PWD/fonts"

report() {
  local name=$1 t0 t1
  read -r t0 t1 < "$work/$name.time"
  awk -v n="$n" -v t0="$t0" -v t1="$t1" -v mem="$(cat "$work/$name.mem")" -v name="$name" \
    'BEGIN { s = t1 - t0; printf "%-9s %5d documents in %6.2f s = %7.1f documents/s, peak memory %6.1f MB\n", name, n, s, n / s, mem / 1024 }'
}
report handout
report baseline
awk -v a="$(awk '{print $2-$1}' "$work/handout.time")" -v b="$(awk '{print $2-$1}' "$work/baseline.time")" \
  'BEGIN { printf "throughput ratio handout/baseline: %.2f\n", b / a }'
