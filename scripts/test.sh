#!/usr/bin/env bash
# Builds everything and runs every test (unit, integration, end-to-end, fuzz-harness replays) with
# CTest. Tests that read ../shared/corpora skip with a message when it is absent.
#
# Usage: scripts/test.sh [--sanitize] [--long] [CTEST ARGS...]
#   --sanitize  build into build-sanitize/ with AddressSanitizer + UndefinedBehaviorSanitizer
#               (-DBELLWETHER_SANITIZE=ON, Debug-level checks at -O1) and run the unit,
#               integration and fuzz replay tests there; any sanitizer report fails the test
#   --long      the long reliability runs: 100 + 10 SIGKILLs in the crash-safety test instead of
#               20 + 2 (BELLWETHER_LONG_TESTS=1); for fuzzing for hours see scripts/fuzz.sh
# CI (.ci/run) runs, in order, stopping at the first failure: scripts/test.sh (this, plain), then
# scripts/test.sh --sanitize, then scripts/fuzz.sh --smoke (README "Reliability" has their timings).
set -euo pipefail
cd "$(dirname "$0")/.."

sanitize=0
args=()
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=1 ;;
    --long) export BELLWETHER_LONG_TESTS=1 ;;
    *) args+=("$arg") ;;
  esac
done

scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
if [ "$sanitize" = 1 ]; then
  cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
        -DBELLWETHER_BUILD_TESTS=ON -DBELLWETHER_SANITIZE=ON >/dev/null
  cmake --build build-sanitize -j"$jobs"
  cd build-sanitize
  # halt_on_error: the first report fails the test; detect_leaks: leaks are findings too.
  export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  ctest --output-on-failure -j"$jobs" -R '^(unit|integration|fuzz)\.' "${args[@]}"
else
  scripts/build.sh -DBELLWETHER_BUILD_TESTS=ON
  cd build
  ctest --output-on-failure -j"$jobs" "${args[@]}"
fi
