#!/usr/bin/env bash
# Stage `meson install` into a temporary DESTDIR (never /usr) and check that
# it lays out upstream's files: the five sonames with development links and
# static archives, the pkg-config files (Version 2.1.12-stable), the headers;
# then build a program through pkg-config against the staged tree and run it.
# Usage: install_check.sh SOURCE_ROOT BUILD_ROOT [none|address|thread]
set -uo pipefail
src=$1
build=$2
case ${3:-none} in
address) san_flags="-fsanitize=address,undefined" ;;
thread) san_flags="-fsanitize=thread" ;;
*) san_flags="" ;;
esac
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
failed=0
check() { if "$@"; then :; else echo "FAIL: $*"; failed=$((failed + 1)); fi; }

DESTDIR=$stage meson install -C "$build" --no-rebuild --quiet >/dev/null || { echo "FAIL: meson install"; exit 1; }
prefix=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')
libdir=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="libdir"))')
root=$stage$prefix
lib=$root/$libdir

for name in event event_core event_extra event_pthreads event_openssl; do
	check test -f "$lib/lib$name-2.1.so.7.0.1"
	check test -L "$lib/lib$name-2.1.so.7"
	check test -L "$lib/lib$name.so"
	check test -f "$lib/lib$name.a"
	check test -f "$lib/pkgconfig/lib$name.pc"
	check grep -qx "Version: 2.1.12-stable" "$lib/pkgconfig/lib$name.pc"
	soname=$(readelf -d "$lib/lib$name-2.1.so.7.0.1" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
	check test "$soname" = "lib$name-2.1.so.7"
done
for h in event.h evhttp.h evdns.h evrpc.h evutil.h event2/event.h event2/event_struct.h event2/buffer.h \
	event2/bufferevent.h event2/listener.h event2/thread.h event2/util.h event2/event-config.h; do
	check test -f "$root/include/$h"
done

export PKG_CONFIG_PATH=$lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$stage PKG_CONFIG_LIBDIR=$lib/pkgconfig
check test "$(echo $(pkg-config --libs-only-l libevent_pthreads))" = "-levent_pthreads -levent"
check test "$(echo $(pkg-config --libs-only-l libevent_openssl))" = "-levent_openssl -levent"
flags=$(pkg-config --cflags --libs libevent_core)
# shellcheck disable=SC2086
if cc $san_flags -o "$stage/probe" "$src/examples/loopback_ping.c" $flags; then
	out=$(LD_LIBRARY_PATH=$lib "$stage/probe")
	check grep -q "done: 1000 pings answered" <<<"$out"
	check grep -q "mapped: $lib/libevent" <<<"$out"
else
	echo "FAIL: cannot build against the staged install with: $flags"
	failed=$((failed + 1))
fi
echo "install: $([ $failed -eq 0 ] && echo ok || echo "$failed checks failed") (staged at $prefix)"
[ $failed -eq 0 ]
