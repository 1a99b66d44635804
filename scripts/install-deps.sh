#!/usr/bin/env bash
# Installs the Debian 12 packages Bellwether Search needs to build, test and run.
# Idempotent: packages already present are skipped and nothing is printed for them.
# chromium/chromium-driver drive the web page's browser tests; wrk is the HTTP load generator;
# libjemalloc-dev makes bulk loads faster (CMakeLists.txt, BELLWETHER_JEMALLOC).
# Usage: scripts/install-deps.sh [--with-fuzz]
#   --with-fuzz  also clang and libFuzzer (for scripts/fuzz.sh; the regular build and tests use GCC)
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools
  xapian-omega sqlite3
  libicu-dev
  libboost-program-options-dev
  libabsl-dev
  libjemalloc-dev
  googletest libgtest-dev
  nlohmann-json3-dev
  libcpp-httplib-dev
  python3
  chromium chromium-driver
  wrk
)
for arg in "$@"; do
  case "$arg" in
    --with-fuzz) packages+=(clang libclang-rt-dev) ;;
    --with-test-tools) ;;  # accepted for older callers: the test tools are always installed
    *) echo "install-deps.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
