"""Shared pieces of the drop-in tests: the runner, skips, free ports."""
import argparse
import os
import shutil
import socket
import subprocess
import sys

SKIP = 77
RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'evcxx-run')
INSTALL_DEPS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'install-deps.sh')


def log(msg):
    print(msg, flush=True)


def fail(msg):
    log('FAIL: ' + msg)
    sys.exit(1)


def skip(msg):
    log('SKIP: ' + msg)
    sys.exit(SKIP)


def check(cond, msg):
    if not cond:
        fail(msg)


def require_program(name, package):
    """The program's path; installs its package through tools/install-deps.sh
    when missing, and skips only when that cannot be done."""
    path = shutil.which(name)
    if path:
        return path
    log(f'{name} not found; trying tools/install-deps.sh')
    res = subprocess.run(['bash', INSTALL_DEPS], capture_output=True, text=True)
    path = shutil.which(name)
    if not path:
        skip(f'{name} (Debian package {package}) is not installed and could not be installed '
             f'(install-deps.sh exit {res.returncode}: {res.stderr.strip()[-300:]})')
    return path


def setup(program, package, with_mode=True):
    """Parse the test's arguments (--build, --sanitize, --mode) and find the
    program; skips for sanitizer builds, which no installed program can load."""
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', required=True)
    ap.add_argument('--sanitize', default='none')
    if with_mode:
        ap.add_argument('--mode', choices=('relink', 'preload'), required=True)
    args = ap.parse_args()
    if args.sanitize != 'none':
        skip(f'a -Dsanitize={args.sanitize} build cannot be loaded by an uninstrumented installed program')
    return args, require_program(program, package)


def runner(build, *args):
    return [sys.executable, RUNNER, '--build', build, *args]


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]
