#!/usr/bin/env bash
# Renders every fixture config, its `data` JSON, the handouts and the animation with two clusterplot
# binaries and reports any byte difference — the check behind "this refactor changes no output".
# usage: scripts/compare-outputs.sh OLD_BINARY NEW_BINARY
set -uo pipefail
old=$1 new=$2
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
configs=(Fixtures/configs/*.yaml Fixtures/data/*.yaml Fixtures/minimal.yaml)
status=0
for side in old new; do
  bin=${!side}
  mkdir -p "$work/$side"
  for c in "${configs[@]}"; do
    stem=$(basename "$c" .yaml)
    "$bin" render "$c" --out "$work/$side" --format png,pdf,svg >/dev/null 2>"$work/$side/$stem.render.err"
    "$bin" data "$c" >"$work/$side/$stem.json" 2>"$work/$side/$stem.data.err"
  done
  for h in Fixtures/handouts/*.yaml; do
    "$bin" handout "$h" -o "$work/$side/$(basename "$h" .yaml).pdf" >/dev/null 2>&1
  done
  "$bin" animate Fixtures/configs/iterations.yaml -o "$work/$side/animation.png" >/dev/null 2>&1
done
for f in "$work"/old/*; do
  b=$(basename "$f")
  if ! cmp -s "$f" "$work/new/$b"; then echo "DIFF $b"; status=1; fi
done
n=$(ls "$work/old" | wc -l)
[ $status = 0 ] && echo "identical: $n files"
exit $status
