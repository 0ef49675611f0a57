#!/usr/bin/env bash
# Builds the Debian package from BUILD_DIR, unpacks it into a scratch root, and runs what it
# installed: clv-etl --version, clv-etl on the installed sample and the generator with the
# installed word lists, and the desktop app offscreen (its screenshot tour, which loads the
# sample and shows every tab). Also checks the package's metadata and that every package it
# depends on exists.
#   tests/package/check-package.sh BUILD_DIR
set -euo pipefail

build="$(cd "${1:?build folder}" && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

step() { echo "-- $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

step "cpack -G DEB"
(cd "$build" && cpack -G DEB --config CPackConfig.cmake -B "$scratch/packages" >"$scratch/cpack.log" 2>&1) \
  || { cat "$scratch/cpack.log" >&2; fail "cpack"; }
deb="$(ls "$scratch"/packages/*.deb)"
echo "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"

step "metadata"
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
for needed in libqt6core6 libqt6widgets6 libqt6charts6 libqt6sql6-sqlite qt6-qpa-plugins libboost-json1.81.0 \
              zlib1g libzstd1 libssl3; do
  grep -q "$needed" <<<"$depends" || fail "Depends lacks $needed"
done
# Every dependency names a real Debian package (they are all installed on a build machine).
for dep in $(tr ',' '\n' <<<"$depends" | sed 's/(.*)//; s/|.*//' | tr -d ' '); do
  dpkg-query -W "$dep" >/dev/null 2>&1 || apt-cache show "$dep" >/dev/null 2>&1 || fail "unknown dependency $dep"
done
contents="$(dpkg-deb -c "$deb")"
for path in ./usr/bin/clv-etl ./usr/bin/clv-cluster ./usr/bin/clv-studio ./usr/share/applications/clv-studio.desktop \
            ./usr/share/icons/hicolor/scalable/apps/clv-studio.svg ./usr/share/clv-studio/words/cities.txt \
            ./usr/share/clv-studio/sample/events.jsonl; do
  grep -q " $path\$" <<<"$contents" || fail "the package lacks $path"
done

step "install into a scratch root"
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
# The source tree must not be what the installed programs find: run from elsewhere, with no
# hint in the environment.
cd "$scratch"
unset CLV_DATA_DIR

step "clv-etl --version"
"$root/usr/bin/clv-etl" --version | tee "$scratch/version.txt"
grep -q "clv-etl $(dpkg-deb -f "$deb" Version)" "$scratch/version.txt" || fail "version differs from the package's"

step "clv-etl on the installed sample"
"$root/usr/bin/clv-etl" "$root/usr/share/clv-studio/sample" -o "$scratch/out" --quiet
for f in output_t1.txt output_ltv_specs.txt output_ltv_final.txt rejected.csv run.json; do
  [ -s "$scratch/out/$f" ] || fail "clv-etl did not write $f"
done

step "clv-etl on the installed sample, gzip- and zstd-compressed"
# Decoded by the libraries the package depends on: the same tables as the plain file's.
for packer in gzip zstd; do
  command -v "$packer" >/dev/null || continue
  "$packer" -c "$root/usr/share/clv-studio/sample/events.jsonl" >"$scratch/events.jsonl.$packer"
  "$root/usr/bin/clv-etl" "$scratch/events.jsonl.$packer" -o "$scratch/out-$packer" --quiet
  cmp -s "$scratch/out/output_ltv_final.txt" "$scratch/out-$packer/output_ltv_final.txt" \
    || fail "clv-etl on the $packer file wrote another LTV table"
done

step "clv-etl generate with the installed word lists"
# The help text wraps long paths: compare without spaces and line breaks.
help="$("$root/usr/bin/clv-etl" generate --help | tr -d ' \n')"
[[ "$help" == *"$root/usr/share/clv-studio/words"* ]] || fail "generate does not default to the installed word lists"
"$root/usr/bin/clv-etl" generate --mode seed --seed 7 -o "$scratch/generated.jsonl" --quiet
[ "$(wc -l <"$scratch/generated.jsonl")" -gt 10 ] || fail "generate wrote too little"

step "clv-studio offscreen"
QT_QPA_PLATFORM=offscreen QT_QPA_PLATFORMTHEME=none \
  "$root/usr/bin/clv-studio" --screenshots "$scratch/shots" "$root/usr/share/clv-studio/sample" >"$scratch/gui.log" 2>&1 \
  || { cat "$scratch/gui.log" >&2; fail "clv-studio"; }
for tab in events visits weekly ltv problems charts-0; do
  [ -s "$scratch/shots/$tab.png" ] || fail "clv-studio did not show the $tab tab"
done
echo "screenshots: $(ls "$scratch/shots" | tr '\n' ' ')"

if command -v desktop-file-validate >/dev/null; then
  step "desktop-file-validate"
  desktop-file-validate "$root/usr/share/applications/clv-studio.desktop"
fi
echo "package OK"
