#!/usr/bin/env bash
# Installs the Debian packages CLV Studio needs to build, test and run.
# Only missing packages are installed; sudo is used when not running as root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libqt6sql6-sqlite libgl-dev
  # Qt's PostgreSQL driver: a workspace on a shared server (--workspace postgresql://...)
  libqt6sql6-psql
  # zlib and zstd: compressed event logs read directly (zstd also packs workspace blocks);
  # OpenSSL's libcrypto: SHA-256 of ingested files; libsqlite3: bulk workspace writes
  libboost-json1.81-dev libnlopt-cxx-dev zlib1g-dev libzstd-dev libssl-dev libsqlite3-dev
  xvfb xauth
)
# `install-deps.sh test`: also what the tests need: clang and its runtime (libFuzzer, the
# sanitizers) for the fuzzers, dpkg-dev (dpkg-shlibdeps) for the Debian package, and
# clang-format and clang-tidy 14 for `make format-check` and `make tidy`, and a PostgreSQL
# server (initdb, pg_ctl) that the shared-store tests start in a scratch folder, and Dask
# distributed, on which clv-cluster runs partitioned runs (its tests start a local cluster).
if [ "${1:-}" = test ]; then
  packages+=(clang-14 libclang-rt-14-dev dpkg-dev clang-format-14 clang-tidy-14 postgresql python3-distributed)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Not root and no sudo: install ${missing[*]} by hand." >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
