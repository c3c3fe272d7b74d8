#!/usr/bin/env bash
# The main job: install what is missing, build evcxx, and run the bundled
# example (a TCP server and client talking over loopback) on our library.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
builddir=${BUILD_DIR:-build}
[ -f "$builddir/build.ninja" ] || meson setup "$builddir" >/dev/null
ninja -C "$builddir" examples/loopback_ping >/dev/null
"$builddir/examples/loopback_ping"
