#!/usr/bin/env bash
# Builds everything and runs every test (unit, integration, end-to-end, fuzz-harness replays) with
# CTest. Tests that read ../shared/corpora skip with a message when it is absent.
#
# Usage: scripts/test.sh [--sanitize] [--long] [CTEST ARGS...]
#   --sanitize  build into build-sanitize/ with AddressSanitizer + UndefinedBehaviorSanitizer
#               (-DBELLWETHER_SANITIZE=ON, Debug-level checks at -O1) and run the unit,
#               integration and fuzz replay tests there; any sanitizer report fails the test
#   --tsan      build the multi-threaded tests (TSAN_TESTS below) into build-tsan/ with
#               ThreadSanitizer (-DBELLWETHER_TSAN=ON) and run them there: searchers on several
#               threads, counting and ranking beside a search, the parallel indexing pipeline and
#               sharded writers; any data race reported fails the test
#   --long      the long reliability runs: 100 + 10 SIGKILLs in the crash-safety test instead of
#               20 + 2 (BELLWETHER_LONG_TESTS=1); for fuzzing for hours see scripts/fuzz.sh
# CI (.ci/run) runs, in order, stopping at the first failure: scripts/test.sh (this, plain), then
# scripts/test.sh --sanitize, scripts/test.sh --tsan, then scripts/fuzz.sh --smoke (README
# "Reliability" has their timings).
set -euo pipefail
cd "$(dirname "$0")/.."

# The test programs that start threads of their own (the rest run on one thread: TSan has
# nothing to check there).
TSAN_TESTS=(integration_concurrent_search_test integration_concurrent_api_test integration_parallel_count_test integration_split_rank_test
            integration_parallel_index_test integration_sharded_index_test)

sanitize=0
tsan=0
args=()
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=1 ;;
    --tsan) tsan=1 ;;
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
elif [ "$tsan" = 1 ]; then
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
        -DBELLWETHER_BUILD_TESTS=ON -DBELLWETHER_TSAN=ON >/dev/null
  cmake --build build-tsan -j"$jobs" --target "${TSAN_TESTS[@]}"
  cd build-tsan
  # Every report fails its test (TSan's exit code 66). Libraries built without TSan (Xapian, ICU)
  # are not checked inside, but their inline header code (Xapian's reference counts) is.
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
  # GCC 12's TSan cannot lay out its shadow memory under the stronger address randomisation of
  # some newer kernels (vm.mmap_rnd_bits=32: "FATAL: ThreadSanitizer: unexpected memory mapping");
  # the tests run without randomisation wherever setarch may turn it off.
  no_aslr=()
  if setarch "$(uname -m)" -R true 2>/dev/null; then no_aslr=(setarch "$(uname -m)" -R); fi
  # One test at a time: each starts threads of its own, and TSan slows them 5-15x.
  "${no_aslr[@]}" ctest --output-on-failure -j1 -R '^integration\.(Concurrent|ParallelCount|SplitRank|ParallelIndex|ShardedIndex)' "${args[@]}"
else
  scripts/build.sh -DBELLWETHER_BUILD_TESTS=ON
  cd build
  ctest --output-on-failure -j"$jobs" "${args[@]}"
fi
