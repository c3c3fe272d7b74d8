#!/usr/bin/env bash
# Install what building and testing evcxx needs on Debian 12, skipping
# packages that are already present. Runs apt-get as root (or via sudo).
set -euo pipefail

packages=(meson ninja-build gcc g++ clang pkg-config catch2 libevent-dev libssl-dev python3 memcached libmemcached-tools tmux)
packages+=("$@") # extra packages named by callers (tools/bench/install-deps.sh)
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
