#!/usr/bin/env python3
"""memcached (unmodified, from Debian) on evcxx: start it under tools/dropin's
runner, prove it mapped our libevent and not the system's, drive a checked
load from several concurrent connections (plus memcslap if installed), read
stats, stop it with SIGTERM and expect a clean exit."""
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from dropin_common import check, fail, free_port, log, runner, setup

CLIENTS = 8
KEYS_PER_CLIENT = 250
INCRS_PER_CLIENT = 200
IO_TIMEOUT = 20.0
stats_lock = threading.Lock()


class Conn:
    """A memcached text-protocol connection."""

    def __init__(self, port):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=IO_TIMEOUT)
        self.buf = b''

    def close(self):
        self.sock.close()

    def send(self, data):
        self.sock.sendall(data)

    def line(self):
        while b'\r\n' not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError('server closed the connection')
            self.buf += chunk
        line, self.buf = self.buf.split(b'\r\n', 1)
        return line

    def exactly(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError('server closed the connection')
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def set(self, key, value, flags=0):
        self.send(b'set %s %d 0 %d\r\n%s\r\n' % (key, flags, len(value), value))
        return self.line()

    def get_many(self, keys):
        """{key: (flags, value)} for the keys the server has."""
        self.send(b'get ' + b' '.join(keys) + b'\r\n')
        found = {}
        while True:
            line = self.line()
            if line == b'END':
                return found
            parts = line.split()
            if len(parts) != 4 or parts[0] != b'VALUE':
                raise ValueError(f'unexpected reply {line!r}')
            data = self.exactly(int(parts[3]) + 2)
            if data[-2:] != b'\r\n':
                raise ValueError('value not terminated by CRLF')
            found[parts[1]] = (int(parts[2]), data[:-2])

    def command(self, text):
        self.send(text + b'\r\n')
        return self.line()


def value_for(client, i, rng):
    # Sizes from a few bytes to well beyond one read buffer.
    size = rng.choice((1, 10, 100, 1000, 5000, 20000, 100000))
    seed = b'%d:%d:' % (client, i)
    return (seed * (size // len(seed) + 1))[:size]


def client_load(port, client, errors, stats):
    rng = random.Random(client)
    try:
        conn = Conn(port)
        keys = [b'evcxx:%d:%d' % (client, i) for i in range(KEYS_PER_CLIENT)]
        values = {}
        for i, key in enumerate(keys):
            values[key] = value_for(client, i, rng)
            reply = conn.set(key, values[key], flags=i)
            if reply != b'STORED':
                raise ValueError(f'set {key!r}: {reply!r}')
        with stats_lock:
            stats['sets'] += len(keys)
        for i, key in enumerate(keys):
            got = conn.get_many([key])
            if got.get(key) != (i, values[key]):
                raise ValueError(f'get {key!r} returned a different value')
        for start in range(0, len(keys), 25):  # multi-gets
            batch = keys[start:start + 25]
            got = conn.get_many(batch)
            for key in batch:
                if got.get(key, (None, None))[1] != values[key]:
                    raise ValueError(f'multi-get {key!r} returned a different value')
        with stats_lock:
            stats['gets'] += 2 * len(keys)
        deleted = keys[::2]
        for key in deleted:
            reply = conn.command(b'delete ' + key)
            if reply != b'DELETED':
                raise ValueError(f'delete {key!r}: {reply!r}')
        got = conn.get_many(keys)
        for key in keys:
            if key in deleted and key in got:
                raise ValueError(f'{key!r} still there after delete')
            if key not in deleted and got.get(key, (None, None))[1] != values[key]:
                raise ValueError(f'{key!r} changed after deleting others')
        own = b'evcxx:counter:%d' % client
        check_reply(conn.set(own, b'0'), b'STORED')
        for n in range(1, INCRS_PER_CLIENT + 1):
            check_reply(conn.command(b'incr ' + own + b' 1'), b'%d' % n)
            check_reply(conn.command(b'incr evcxx:shared 1'), None)
        check_reply(conn.command(b'decr ' + own + b' 5'), b'%d' % (INCRS_PER_CLIENT - 5))
        conn.close()
    except Exception as e:  # reported by the main thread
        errors.append(f'client {client}: {e!r}')


def check_reply(reply, expected):
    if expected is None:
        if not reply.isdigit():
            raise ValueError(f'expected a number, got {reply!r}')
    elif reply != expected:
        raise ValueError(f'expected {expected!r}, got {reply!r}')


def read_stats(port):
    conn = Conn(port)
    conn.send(b'stats\r\n')
    stats = {}
    while True:
        line = conn.line()
        if line == b'END':
            break
        _, name, value = line.decode().split(' ', 2)
        stats[name] = value
    conn.close()
    return stats


def wait_listening(port, proc):
    for _ in range(200):
        if proc.poll() is not None:
            return False
        try:
            socket.create_connection(('127.0.0.1', port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def run_memcslap(port):
    slap = shutil.which('memcslap')
    if not slap:
        log('memcslap not installed (libmemcached-tools); checked client only')
        return
    for test in ('set', 'get', 'mget'):
        res = subprocess.run([slap, f'--servers=127.0.0.1:{port}', '--concurrency=4',
                              '--execute-number=2000', f'--test={test}'],
                             capture_output=True, text=True, timeout=120)
        log(f'memcslap --test={test}: exit {res.returncode}')
        check(res.returncode == 0, f'memcslap --test={test} failed: {res.stdout}{res.stderr}')


def main():
    args, memcached = setup('memcached', 'memcached')

    work = tempfile.mkdtemp(prefix='evcxx-dropin-memcached-')
    pid_file = os.path.join(work, 'pid')
    runner_log = os.path.join(work, 'runner.log')
    port = free_port()
    cmd = [memcached, '-t', '4', '-l', '127.0.0.1', '-p', str(port), '-U', '0']
    if os.getuid() == 0:
        cmd[1:1] = ['-u', 'root']  # memcached refuses to run as root without -u
    with open(runner_log, 'w') as err:
        proc = subprocess.Popen(runner(args.build, '--mode', args.mode, '--pid-file', pid_file,
                                       '--', *cmd), stderr=err)
    try:
        check(wait_listening(port, proc), f'memcached did not start listening on {port}')
        with open(pid_file) as f:
            pid = int(f.read())
        res = subprocess.run(runner(args.build, '--check-pid', str(pid)), capture_output=True, text=True)
        log(res.stderr.strip())
        check(res.returncode == 0, 'maps proof of the running memcached failed')

        conn = Conn(port)
        check(conn.set(b'evcxx:shared', b'0') == b'STORED', 'cannot create the shared counter')
        conn.close()
        errors, stats = [], {'sets': 0, 'gets': 0}
        threads = [threading.Thread(target=client_load, args=(port, c, errors, stats))
                   for c in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        check(not any(t.is_alive() for t in threads), 'a client hung')
        check(not errors, '; '.join(errors))
        conn = Conn(port)
        shared = conn.get_many([b'evcxx:shared']).get(b'evcxx:shared', (0, b''))[1]
        conn.close()
        check(shared == b'%d' % (CLIENTS * INCRS_PER_CLIENT),
              f'shared counter is {shared!r}, expected {CLIENTS * INCRS_PER_CLIENT}')
        log(f'checked client: {CLIENTS} connections, {stats["sets"]} sets, {stats["gets"]} gets, '
            f'{CLIENTS * INCRS_PER_CLIENT * 2} incrs, all values verified')

        run_memcslap(port)

        st = read_stats(port)
        log('stats: ' + ', '.join(f'{k}={st.get(k)}' for k in
                                   ('threads', 'total_connections', 'cmd_get', 'cmd_set', 'get_hits',
                                    'get_misses', 'curr_items')))
        check(st.get('threads') == '4', 'memcached does not report 4 worker threads')
        check(int(st['cmd_set']) >= stats['sets'], 'cmd_set is lower than the sets made')
        check(int(st['get_hits']) >= stats['gets'], 'get_hits is lower than the verified gets')
        check(int(st['total_connections']) > CLIENTS, 'total_connections too low')

        proc.send_signal(signal.SIGTERM)  # the runner forwards it
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            fail('memcached did not exit within 30 s of SIGTERM')
        check(code == 0, f'memcached exited with status {code} after SIGTERM')
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        with open(runner_log) as f:
            runner_out = f.read()
        log(runner_out.strip())
    check('PROOF OK' in runner_out, "the runner's own maps proof did not pass")
    log(f'PASS: memcached in {args.mode} mode')


if __name__ == '__main__':
    sys.exit(main())
