# Sourced by bench/run.sh and bench/memory.sh, from the repository's root.
#
# make_inputs DIR OUTPUTS: writes into DIR copies of the two English
# built-in handouts, each with its own id, OUTPUTS/4 of each, so that
# building them on both papers gives OUTPUTS PDFs; the assets folder is
# copied beside DIR. Prints the number of PDFs they give.
make_inputs() {
  local dir=$1 copies=$(( $2 / 4 )) f base i
  mkdir -p "$dir"
  for f in handouts/gut-skin-evidence-ladder.yaml handouts/gut-skin-clinic-checklist.yaml; do
    base=$(basename "$f" .yaml)
    for i in $(seq 1 "$copies"); do
      sed "s/^id: .*/id: $base-$i/" "$f" > "$dir/$base-$i.yaml"
    done
  done
  cp -r assets "$(dirname "$dir")/assets"
  echo $(( copies * 2 * 2 ))
}
