#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang, ASan and UBSan into build-fuzz/ and runs them one
# after the other, each in a single process.
#
# Usage: scripts/fuzz.sh [--time SECONDS | --smoke] [--no-build] [TARGET...]
#   --time S   run each target for S seconds (default 600: the issue's 10 minutes per target)
#   --smoke    30 seconds per target, seeds included (what CI runs: 3 minutes of fuzzing; with the
#              clang build about 9 minutes on 2 busy cores)
#   TARGET     jsonl_reader article_page signal_page dates query ascii_words (default: all)
# New inputs are kept in build-fuzz/corpus/<target>/ (later runs start from them), findings go to
# build-fuzz/artifacts/<target>/ and logs to build-fuzz/logs/. A summary of executions, coverage and
# findings per target is printed at the end. To keep a finding fixed, copy the input into
# fuzz/regressions/<target>/: the regular test build replays it (ctest -R '^fuzz\.').
# Reproduce one input: build-fuzz/fuzz/fuzz_<target> FILE
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
build=1
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) seconds="$2"; shift 2 ;;
    --smoke) seconds=30; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(jsonl_reader article_page signal_page dates query ascii_words)

if [ "$build" = 1 ]; then
  scripts/install-deps.sh --with-fuzz
  jobs=$(nproc 2>/dev/null || echo 2)
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DBELLWETHER_FUZZ=ON -DBELLWETHER_BUILD_TESTS=OFF >/dev/null
  cmake --build build-fuzz -j"$jobs" --target $(printf 'fuzz_%s ' "${targets[@]}")
fi

mkdir -p build-fuzz/logs
summary=build-fuzz/logs/summary.txt  # appended to: one line per target run
failed=0
for target in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$target
  artifacts=build-fuzz/artifacts/$target
  log=build-fuzz/logs/$target.log
  mkdir -p "$corpus" "$artifacts"
  seeds=()
  while IFS= read -r dir; do
    [ -n "$dir" ] && [ -d "$dir" ] && seeds+=("$dir")
  done < "build-fuzz/fuzz/$target.seeds"
  echo "fuzz.sh: $target ($seconds s), log $log"
  status=0
  ASAN_OPTIONS=detect_leaks=1 \
    build-fuzz/fuzz/fuzz_"$target" "$corpus" "${seeds[@]}" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)
  size=$(ls "$corpus" | wc -l)
  # A finding is a crash-, leak-, timeout- or oom- input. A slow-unit- input (one run over 10 s that
  # the 10 s timeout did not catch) is only reported: on a busy machine a stall of the whole process
  # writes one, and re-running it shows whether it is really slow.
  findings=$(find "$artifacts" -type f ! -name 'slow-unit-*' | wc -l)
  slow=$(find "$artifacts" -type f -name 'slow-unit-*' | wc -l)
  line="$(date -u +%FT%TZ) $target: ${execs:-?} executions in ${secs:-?} s, ${cov:-cov: ?}, corpus $size, findings $findings, slow units $slow, exit $status"
  echo "$line" | tee -a "$summary"
  if [ "$status" != 0 ] || [ "$findings" != 0 ]; then
    failed=1
    grep -m5 -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" || true
  fi
done
exit $failed
