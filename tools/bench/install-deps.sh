#!/usr/bin/env bash
# Install what the benchmarks need beyond tools/install-deps.sh, on Debian 12:
# the peer libraries, valgrind (callgrind and <valgrind/callgrind.h>),
# strace for system-call counts and gnuplot for docs/perf's chart.
# Skips packages already present; runs apt-get as root (or via sudo).
set -euo pipefail

packages=(libevent-dev libev-dev libuv1-dev valgrind strace gnuplot-nox python3)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "installing: ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
