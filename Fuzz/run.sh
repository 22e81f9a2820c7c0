#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets with ASan and runs each for FUZZ_SECONDS (default 180),
# one after another. Seeds: the fixtures, the malformed corpora and Fuzz/corpus/<target> (where
# reproducers of fixed crashes are kept). Working corpora and crash artifacts go to .build-fuzz/.
# usage: Fuzz/run.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-180}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(FuzzConfig FuzzCSV FuzzDocument FuzzPNG)
flags=(--build-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address)
export CLUSTERPLOT_FUZZ=1
# The Swift runtime keeps caches for the process's lifetime: leak reports would be noise.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}
# The Swift runtime's backtracer reads other threads' stacks, which ASan reports as a bug of its own.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
seeds() {
  case $1 in
    FuzzConfig)   ls Fixtures/configs/*.yaml Fixtures/data/*.yaml Fixtures/minimal.yaml Tests/GalleryTests/Malformed/*.yaml ;;
    FuzzCSV)      ls Fixtures/data/*.csv Tests/GalleryTests/Malformed/*.csv ;;
    FuzzDocument) ls Fixtures/handouts/*.yaml Tests/HandoutTests/Malformed/*.yaml Tests/HandoutTests/Malformed/figures/*.yaml ;;
    FuzzPNG)      ls Fixtures/golden/*.png ;;
  esac
}
# Scratch files of the harnesses (FuzzCSV's input file) stay inside the build folder.
mkdir -p .build-fuzz/tmp
status=0
for t in "${targets[@]}"; do
  swift build "${flags[@]}" --product "$t" >/dev/null || { echo "$t: build failed"; status=1; continue; }
  work=.build-fuzz/corpus/$t; art=.build-fuzz/artifacts/$t
  mkdir -p "$work" "$art" "Fuzz/corpus/$t"
  for s in $(seeds "$t"); do cp -n "$s" "$work/seed-$(basename "$s")"; done
  log=.build-fuzz/$t.log
  TMPDIR=$PWD/.build-fuzz/tmp .build-fuzz/debug/"$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=6000 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$art/" "$work" "Fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  runs=$(grep -E "^stat::number_of_executed_units" "$log" | awk '{print $2}')
  crashes=$(ls "$art" 2>/dev/null | wc -l)
  echo "$t: ${runs:-?} executions in ${seconds} s, exit $rc, $crashes artifact(s) in $art (log: $log)"
  [ "$rc" = 0 ] || status=1
done
exit $status
