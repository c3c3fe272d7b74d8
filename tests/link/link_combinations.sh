#!/usr/bin/env bash
# Build and run tests/link/one_engine.c against every supported combination
# of our libraries, and check that none of them needs the C++ runtime.
# Usage: link_combinations.sh SOURCE_ROOT BUILD_ROOT [none|address|thread]
set -uo pipefail
src=$1
build=$2
sanitize=${3:-none}
san_flags=""
case $sanitize in
address) san_flags="-fsanitize=address,undefined" ;;
thread) san_flags="-fsanitize=thread" ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc=${CC:-cc}
failed=0
passed=0

check() {
	if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

no_cxx_runtime() {
	local lib=$1
	if readelf -d "$lib" | grep -E 'NEEDED.*(libstdc\+\+|libgcc_s)' >/dev/null; then
		echo "FAIL $lib needs the C++ runtime"
		return 1
	fi
	echo "ok   $(basename "$lib") needs: $(readelf -d "$lib" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
}

combo() {
	local name=$1 defines=$2 libs=$3
	local exe="$work/$name"
	# shellcheck disable=SC2086
	if ! $cc -std=c99 -Wall -Werror $san_flags $defines -I"$src/compat/include" "$src/tests/link/one_engine.c" \
		-o "$exe" -L"$build" $libs -lpthread -Wl,-rpath,"$build"; then
		echo "FAIL $name: does not link with $libs"
		return 1
	fi
	local out
	if ! out=$("$exe" "$(realpath "$build")/"); then
		echo "FAIL $name: $out"
		return 1
	fi
	if grep -q "foreign library" <<<"$out"; then
		echo "FAIL $name: $out"
		return 1
	fi
	echo "ok   $name ($libs): $(head -1 <<<"$out")"
}

for lib in "$build"/libevent*-2.1.so.7; do
	check no_cxx_runtime "$lib"
done
check combo levent "-DUSE_EXTRA" "-levent"
check combo levent_core "" "-levent_core"
check combo levent_core_extra "-DUSE_EXTRA" "-levent_core -levent_extra"
check combo levent_pthreads "-DUSE_EXTRA -DUSE_PTHREADS" "-levent -levent_pthreads"
all="-levent -levent_core -levent_extra -levent_pthreads"
[ -e "$build/libevent_openssl.so" ] && all="$all -levent_openssl"
check combo all_five "-DUSE_EXTRA -DUSE_PTHREADS" "$all"
echo "link: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
