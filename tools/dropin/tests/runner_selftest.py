#!/usr/bin/env python3
"""evcxx-run's own checks must be able to fail: a process on the system's
libevent fails the maps proof, and the program's exit status comes back."""
import os
import signal
import subprocess
import sys
import time

from dropin_common import check, free_port, log, runner, setup

EXIT_PROOF_FAILED = 91


def main():
    args, memcached = setup('memcached', 'memcached', with_mode=False)
    user = ['-u', 'root'] if os.getuid() == 0 else []

    # Started without the runner: it maps the system's libevent.
    env = {k: v for k, v in os.environ.items() if k not in ('LD_LIBRARY_PATH', 'LD_PRELOAD')}
    proc = subprocess.Popen([memcached, *user, '-l', '127.0.0.1', '-p', str(free_port()), '-U', '0'],
                            env=env)
    try:
        for _ in range(100):  # until the loader has mapped libevent
            with open(f'/proc/{proc.pid}/maps') as f:
                if 'libevent' in f.read():
                    break
            time.sleep(0.05)
        res = subprocess.run(runner(args.build, '--check-pid', str(proc.pid)), capture_output=True, text=True)
        log(res.stderr.strip())
        check(res.returncode == EXIT_PROOF_FAILED and 'system libevent mapped' in res.stderr,
              f'--check-pid accepted a process on the system libevent (exit {res.returncode})')
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)

    # The exit status of the program passes through.
    direct = subprocess.run([memcached, '--no-such-option'], capture_output=True, env=env).returncode
    for mode in ('relink', 'preload'):
        res = subprocess.run(runner(args.build, '--mode', mode, '--', memcached, '--no-such-option'),
                             capture_output=True, text=True)
        check(direct != 0 and res.returncode == direct,
              f'{mode}: exit {res.returncode}, memcached alone exits {direct}')
    log('PASS: runner self-test')


if __name__ == '__main__':
    sys.exit(main())
