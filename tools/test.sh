#!/usr/bin/env bash
# The whole test suite: install what is missing, build, and run every
# registered test (Catch2 unit tests, abi-check, conformance in build,
# relink and preload modes, examples). Ends with "N passed, N failed".
# Sanitizer builds, valgrind and benchmarks run separately (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
builddir=${BUILD_DIR:-build}
if [ -f "$builddir/build.ninja" ]; then
	meson setup --reconfigure "$builddir" "$@" >/dev/null
else
	meson setup "$builddir" "$@" >/dev/null
fi
ninja -C "$builddir"
status=0
meson test -C "$builddir" --print-errorlogs --num-processes 2 || status=$?
python3 - "$builddir/meson-logs/testlog.json" <<'PY'
import json, sys
counts = {"OK": 0, "FAIL": 0, "SKIP": 0, "TIMEOUT": 0, "ERROR": 0, "EXPECTEDFAIL": 0, "UNEXPECTEDPASS": 0}
for line in open(sys.argv[1]):
    result = json.loads(line)["result"]
    counts[result] = counts.get(result, 0) + 1
failed = counts["FAIL"] + counts["TIMEOUT"] + counts["ERROR"] + counts["UNEXPECTEDPASS"]
print(f"{counts['OK'] + counts['EXPECTEDFAIL']} passed, {failed} failed, {counts['SKIP']} skipped")
PY
exit $status
