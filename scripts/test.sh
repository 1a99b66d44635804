#!/usr/bin/env bash
# Builds everything and runs every test (unit, integration, end-to-end) with CTest.
# Tests that read ../shared/corpora skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DBELLWETHER_BUILD_TESTS=ON
jobs=$(nproc 2>/dev/null || echo 2)
cd build
ctest --output-on-failure -j"$jobs" "$@"
