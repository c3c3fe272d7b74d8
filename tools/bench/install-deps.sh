#!/usr/bin/env bash
# Install what the benchmarks need beyond the build's own packages, on
# Debian 12: the peer libraries, valgrind (callgrind and
# <valgrind/callgrind.h>), strace for system-call counts and gnuplot for
# docs/perf's chart.
exec "$(dirname "$0")/../install-deps.sh" libev-dev libuv1-dev valgrind strace gnuplot-nox
