#!/usr/bin/env python3
"""tmux (unmodified, from Debian) on evcxx: a server on a private socket runs
a shell; send-keys makes it print a marker, capture-pane must show it;
list-sessions, kill-server. Every tmux command goes through tools/dropin's
runner, and the server process must have mapped our libevent, not the
system's. Skips (77) while tmux imports libevent symbols we do not export."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

from dropin_common import check, fail, log, runner, setup, skip

EXIT_MISSING_SYMBOLS = 90  # evcxx-run's code for "imports we lack"
MARKER = 'EVCXX_DROPIN_MARK_42'
TYPED = 'echo EVCXX_DROPIN_MARK_$((6*7))'  # the output differs from the typed text
POLLS = 100


def main():
    args, tmux = setup('tmux', 'tmux')

    res = subprocess.run(runner(args.build, '--check-only', '--', tmux), capture_output=True, text=True)
    log(res.stderr.strip())
    if res.returncode == EXIT_MISSING_SYMBOLS:
        skip('tmux imports libevent functions our libraries do not export yet (listed above)')
    check(res.returncode == 0, 'the runner could not check tmux')

    work = tempfile.mkdtemp(prefix='evcxx-dropin-tmux-')
    sock = os.path.join(work, 'sock')
    env = dict(os.environ, TERM='screen', SHELL='/bin/sh', HOME=work)
    env.pop('TMUX', None)

    def tmux_cmd(*words, timeout=30):
        cmd = runner(args.build, '--mode', args.mode, '--', tmux, '-S', sock, '-f', '/dev/null', *words)
        res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
        if res.returncode != 0:
            fail(f'tmux {" ".join(words)}: exit {res.returncode}\n{res.stdout}{res.stderr}')
        return res.stdout

    server_pid = None
    try:
        tmux_cmd('new-session', '-d', '-s', 'evcxx', '-x', '80', '-y', '24', '/bin/sh')
        server_pid = int(tmux_cmd('display-message', '-p', '#{pid}').strip())
        res = subprocess.run(runner(args.build, '--check-pid', str(server_pid)), capture_output=True, text=True)
        log(res.stderr.strip())
        check(res.returncode == 0, 'maps proof of the tmux server failed')

        tmux_cmd('send-keys', '-t', 'evcxx', TYPED, 'Enter')
        for _ in range(POLLS):
            pane = tmux_cmd('capture-pane', '-p', '-t', 'evcxx')
            if any(line.strip() == MARKER for line in pane.splitlines()):
                break
            time.sleep(0.1)
        else:
            fail(f'the marker never appeared in the pane:\n{pane}')
        log('capture-pane shows the command output')

        sessions = tmux_cmd('list-sessions')
        check(sessions.startswith('evcxx: 1 windows'), f'unexpected list-sessions output: {sessions!r}')
        tmux_cmd('kill-server')
        for _ in range(POLLS):
            if not os.path.exists(f'/proc/{server_pid}'):
                break
            time.sleep(0.1)
        else:
            fail('the tmux server is still running after kill-server')
        server_pid = None
    finally:
        if server_pid is not None:
            subprocess.run([tmux, '-S', sock, 'kill-server'], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    log(f'PASS: tmux in {args.mode} mode')


if __name__ == '__main__':
    sys.exit(main())
