#!/usr/bin/env python3
"""evcxx differential conformance runner (Python 3 standard library only).

One invocation checks one or more conformance tests (see conformance/README.md):

  * builds the test twice from the same source: against upstream libevent
    (pkg-config, system paths) and against evcxx (compat/include + build dir);
  * proves, from the compiler's dependency file, which headers each build
    used, and from the linker trace which libevent .so each link used;
  * runs the upstream binary (the reference), our binary ("build" mode), the
    upstream binary with our libraries found through LD_LIBRARY_PATH
    ("relink" mode) and with our libraries in LD_PRELOAD ("preload" mode);
  * proves, from /proc/self/maps dumped by harness/maps_probe.c inside the
    test process, which libevent libraries each run mapped;
  * compares stdout and exit status of every mode with the reference.

Exit status: 0 = pass, 1 = failure, 77 = skipped (meson's skip code).
"""

import argparse
import difflib
import glob
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys

SKIP_RC = 77
MODES = ('build', 'relink', 'preload')

# Environment variables that could make a build or a run pick up something
# other than what the mode intends, or change libevent's behaviour.
SCRUBBED_ENV = ('LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'LIBRARY_PATH',
                'CPATH', 'C_INCLUDE_PATH', 'CPLUS_INCLUDE_PATH', 'OBJC_INCLUDE_PATH',
                'PKG_CONFIG_PATH', 'PKG_CONFIG_LIBDIR', 'PKG_CONFIG_SYSROOT_DIR',
                'GCC_EXEC_PREFIX', 'COMPILER_PATH', 'EVCXX_CONF_MAPS')

CFLAGS = ['-std=gnu11', '-O1', '-g', '-Wall', '-pthread']

SAN_FLAGS = {
    'none': [],
    'address': ['-fsanitize=address,undefined', '-fno-omit-frame-pointer',
                '-fno-sanitize-recover=undefined'],
    'thread': ['-fsanitize=thread'],
}


class TestError(Exception):
    """A problem with the test itself or the reference build (always FAIL)."""


def clean_env(extra=None):
    env = dict(os.environ)
    for key in list(env):
        if key in SCRUBBED_ENV or key.startswith('EVENT_'):
            del env[key]
    env['LC_ALL'] = 'C'
    if extra:
        env.update(extra)
    return env


def run_cmd(cmd, cwd, env=None, timeout=120):
    """Run a build-time command; return (rc, combined output)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env or clean_env(), stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return 124, 'timed out: ' + shlex.join(cmd)
    return p.returncode, p.stdout.decode('utf-8', 'replace')


def real(path):
    return os.path.realpath(path)


def under(path, directory):
    directory = directory.rstrip('/') + '/'
    return path.startswith(directory)


# --------------------------------------------------------------------------
# ELF helpers (readelf / nm from binutils)

def elf_dynamic(path, tag):
    rc, out = run_cmd(['readelf', '-d', '-W', path], cwd='/')
    if rc != 0:
        raise TestError('readelf failed on %s:\n%s' % (path, out))
    return re.findall(r'\(%s\)\s+[^\[]*\[([^\]]+)\]' % tag, out)


def nm_symbols(args, path):
    rc, out = run_cmd(['nm'] + args + [path], cwd='/')
    if rc != 0:
        raise TestError('nm failed on %s:\n%s' % (path, out))
    syms = set()
    for line in out.splitlines():
        parts = line.split()
        if not parts:
            continue
        name = parts[-1].split('@')[0]
        syms.add(name)
    return syms


def libevent_sonames_in(directory):
    """Map soname -> path for every libevent*.so.N library in directory."""
    found = {}
    for path in sorted(glob.glob(os.path.join(directory, 'libevent*.so.*'))):
        if not os.path.isfile(path):
            continue
        names = elf_dynamic(path, 'SONAME')
        if names and names[0] not in found:
            found[names[0]] = path
    return found


def libevent_closure(binary, libs_by_soname):
    """libevent sonames the binary loads: its DT_NEEDED libevent entries and,
    transitively, those of the upstream libraries themselves."""
    order = []
    todo = [n for n in elf_dynamic(binary, 'NEEDED') if n.startswith('libevent')]
    while todo:
        name = todo.pop(0)
        if name in order:
            continue
        order.append(name)
        if name in libs_by_soname:
            todo += [n for n in elf_dynamic(libs_by_soname[name], 'NEEDED')
                     if n.startswith('libevent')]
    return order


# --------------------------------------------------------------------------
# Proofs

def read_depfile(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        text = f.read().replace('\\\n', ' ')
    deps = []
    for line in text.splitlines():
        if ':' not in line:
            continue
        target, _, rest = line.partition(':')
        if not rest.strip() and not deps:
            continue
        for tok in rest.split():
            deps.append(tok)
        break  # only the first rule lists the real dependencies
    return [real(d) for d in deps]


def check_headers(depfile, want_dir, forbidden_files, forbidden_dir):
    """Return (ok, message). want_dir/event2 must supply the headers, none of
    forbidden_files (upstream's header set) / forbidden_dir may appear."""
    deps = read_depfile(depfile)
    want = [d for d in deps if under(d, os.path.join(want_dir, 'event2'))]
    bad = [d for d in deps if d in forbidden_files or (forbidden_dir and under(d, forbidden_dir))]
    if bad:
        return False, 'compiled against foreign headers: ' + ', '.join(bad)
    if not want:
        return False, 'no header from %s/event2 in the dependency file' % want_dir
    return True, '%d headers, all from %s/event2' % (len(want), want_dir)


def check_link_trace(trace, want_dir):
    """ld --trace output names each library file it used."""
    used = sorted(set(real(p) for p in re.findall(r'(/[^\s()]*/libevent[^\s()/]*\.so[^\s()/]*)', trace)))
    bad = [p for p in used if not under(p, want_dir)]
    if bad:
        return False, 'linked against ' + ', '.join(bad)
    if not used:
        return False, 'linker trace names no libevent library'
    return True, 'linked ' + ', '.join(os.path.basename(p) for p in used)


def check_maps(maps_file, want_dir, forbidden_dir):
    if not os.path.exists(maps_file):
        return False, 'no /proc/self/maps proof written (probe did not run)'
    with open(maps_file, encoding='utf-8', errors='replace') as f:
        lines = f.read().splitlines()
    if 'start -' not in lines:
        return False, 'maps proof incomplete (no start marker)'
    paths = set()
    for line in lines:
        phase, _, path = line.partition(' ')
        if path == '-' or not path:
            continue
        path = path.replace(' (deleted)', '')
        paths.add(real(path) if os.path.exists(path) else path)
    if not paths:
        return False, 'process mapped no libevent library'
    foreign = sorted(p for p in paths if under(p, forbidden_dir))
    if foreign:
        return False, 'mapped system libraries: ' + ', '.join(foreign)
    elsewhere = sorted(p for p in paths if not under(p, want_dir))
    if elsewhere:
        return False, 'mapped libevent outside %s: %s' % (want_dir, ', '.join(elsewhere))
    return True, 'mapped ' + ', '.join(sorted(os.path.basename(p) for p in paths))


# --------------------------------------------------------------------------

class Result:
    def __init__(self, stdout, rc, stderr):
        self.stdout = stdout
        self.rc = rc  # None: timed out; negative: killed by that signal
        self.stderr = stderr

    def status(self):
        if self.rc is None:
            return 'timed out'
        if self.rc < 0:
            try:
                name = signal.Signals(-self.rc).name
            except ValueError:
                name = str(-self.rc)
            return 'killed by %s' % name
        return 'exit %d' % self.rc


class Runner:
    def __init__(self, opts):
        self.opts = opts
        self.src = real(opts.src_root)
        self.conf_dir = os.path.join(self.src, 'conformance')
        self.our_inc = os.path.join(self.src, 'compat', 'include')
        self.cc = shlex.split(opts.cc)
        env = clean_env()
        # Upstream comes from the distribution's pkg-config directories only
        # (the default search path minus /usr/local, where nothing of ours
        # may shadow it).
        rc, out = run_cmd(['pkg-config', '--variable=pc_path', 'pkg-config'], cwd='/', env=env)
        dirs = [d for d in out.strip().split(':') if d.startswith('/usr/') and
                not d.startswith('/usr/local/')] if rc == 0 else []
        env['PKG_CONFIG_LIBDIR'] = ':'.join(dirs or ['/usr/lib/x86_64-linux-gnu/pkgconfig',
                                                     '/usr/lib/pkgconfig', '/usr/share/pkgconfig'])
        self.pc_env = env
        self.up_libdir = real(self.pkgconfig('--variable=libdir', 'libevent').strip())
        self.up_incdir = real(self.pkgconfig('--variable=includedir', 'libevent').strip() or '/usr/include')
        self.up_headers = set(real(p) for p in glob.glob(os.path.join(self.up_incdir, 'event2', '*.h')))
        for name in ('event.h', 'evdns.h', 'evhttp.h', 'evrpc.h', 'evutil.h'):
            p = os.path.join(self.up_incdir, name)
            if os.path.exists(p):
                self.up_headers.add(real(p))
        self.up_libs = libevent_sonames_in(self.up_libdir)
        self.our_dir = real(opts.build_dir) if opts.build_dir else None
        self.our_libs = libevent_sonames_in(self.our_dir) if self.our_dir else {}
        self.extra_pkgs = read_manifest(self.conf_dir, with_options=True)[1]

    def pkgconfig(self, *args):
        rc, out = run_cmd(['pkg-config'] + list(args), cwd='/', env=self.pc_env)
        if rc != 0:
            raise TestError('pkg-config %s failed: %s' % (' '.join(args), out))
        return out

    def say(self, msg=''):
        print(msg, flush=True)

    # -- building ----------------------------------------------------------

    def build_probe(self, work, san):
        obj = os.path.join(work, 'maps_probe%s.o' % ('-' + san if san else ''))
        cmd = self.cc + CFLAGS + SAN_FLAGS.get(san or 'none', []) + [
            '-c', os.path.join(self.conf_dir, 'harness', 'maps_probe.c'), '-o', obj]
        rc, out = run_cmd(cmd, cwd=work)
        if rc != 0:
            raise TestError('probe compile failed:\n' + out)
        return obj

    def build(self, name, src, work, variant, test):
        """Compile and link one variant. Returns a dict with the paths, or
        {'error': msg} if compiling or linking failed."""
        extra = self.extra_pkgs.get(test, [])
        ev_extra = [p for p in extra if p.startswith('libevent')]
        sys_extra = [p for p in extra if not p.startswith('libevent')]
        obj = os.path.join(work, name + '.o')
        dep = os.path.join(work, name + '.d')
        exe = os.path.join(work, name)
        for p in (obj, dep, exe):
            if os.path.exists(p):
                os.unlink(p)
        env = clean_env()
        if variant == 'upstream':
            pkgs = ['libevent', 'libevent_pthreads'] + extra
            cflags = shlex.split(self.pkgconfig('--cflags', *pkgs))
            libs = shlex.split(self.pkgconfig('--libs', *pkgs))
            san = 'none'
        else:
            cflags = ['-I' + self.our_inc] + SAN_FLAGS[self.opts.sanitize]
            libs = ['-L' + self.our_dir, '-Wl,-rpath,' + self.our_dir, '-levent', '-levent_pthreads']
            libs += ['-l' + p[3:] for p in ev_extra]
            if sys_extra:
                cflags += shlex.split(self.pkgconfig('--cflags', *sys_extra))
                libs += shlex.split(self.pkgconfig('--libs', *sys_extra))
            san = self.opts.sanitize
        probe = self.build_probe(work, san)
        cmd = self.cc + CFLAGS + cflags + ['-MD', '-MF', dep, '-c', src, '-o', obj]
        rc, out = run_cmd(cmd, cwd=work, env=env)
        if rc != 0:
            return {'error': 'compile failed:\n$ %s\n%s' % (shlex.join(cmd), out)}
        cmd = self.cc + CFLAGS + SAN_FLAGS[san] + [obj, probe, '-o', exe] + libs + ['-Wl,--trace']
        rc, out = run_cmd(cmd, cwd=work, env=env)
        if rc != 0:
            return {'error': 'link failed:\n$ %s\n%s' % (shlex.join(cmd), out)}
        return {'obj': obj, 'dep': dep, 'exe': exe, 'trace': out}

    # -- running -----------------------------------------------------------

    def run(self, exe, work, tag, extra_env):
        maps = os.path.join(work, 'maps-%s.txt' % tag)
        if os.path.exists(maps):
            os.unlink(maps)
        env = clean_env(dict(extra_env, EVCXX_CONF_MAPS=maps))
        p = subprocess.Popen([exe], cwd=work, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
        try:
            out, err = p.communicate(timeout=self.opts.run_timeout)
            rc = p.returncode
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            out, err = p.communicate()
            rc = None
        return Result(out.decode('utf-8', 'replace'), rc, err.decode('utf-8', 'replace')), maps

    # -- one test ----------------------------------------------------------

    def missing_symbols(self, up_obj, closure):
        up_defined = set()
        for soname in closure:
            if soname in self.up_libs:
                up_defined |= nm_symbols(['-D', '--defined-only'], self.up_libs[soname])
        used = nm_symbols(['--undefined-only'], up_obj) & up_defined
        ours = set()
        for soname in closure:
            if soname in self.our_libs:
                ours |= nm_symbols(['-D', '--defined-only'], self.our_libs[soname])
        return sorted(used), sorted(used - ours)

    def reference(self, test, work, repeat=1):
        src = os.path.join(self.conf_dir, test + '.c')
        if not os.path.isfile(src):
            raise TestError('no such test source: %s' % src)
        up = self.build('up', src, work, 'upstream', test)
        if 'error' in up:
            raise TestError('upstream build: ' + up['error'])
        ok, msg = check_headers(up['dep'], self.up_incdir, set(), self.our_inc)
        self.say('  proof upstream headers: %s' % msg)
        if not ok:
            raise TestError('upstream header proof failed: ' + msg)
        ok, msg = check_link_trace(up['trace'], self.up_libdir)
        self.say('  proof upstream link:    %s' % msg)
        if not ok:
            raise TestError('upstream link proof failed: ' + msg)
        results = []
        for i in range(repeat):
            res, maps = self.run(up['exe'], work, 'upstream', {})
            ok, msg = check_maps(maps, self.up_libdir, self.our_dir or '/nonexistent-evcxx')
            if i == 0:
                self.say('  proof upstream run:     %s' % msg)
            if not ok:
                raise TestError('upstream run proof failed: ' + msg)
            if res.rc is None or res.rc < 0:
                raise TestError('upstream run %s\n--- stdout ---\n%s--- stderr ---\n%s'
                                % (res.status(), res.stdout, res.stderr))
            if not res.stdout.strip():
                raise TestError('upstream run printed nothing')
            results.append(res)
        for i, res in enumerate(results[1:], 2):
            if (res.stdout, res.rc) != (results[0].stdout, results[0].rc):
                raise TestError('upstream output is not deterministic (run 1 vs run %d):\n%s'
                                % (i, diff(results[0], res, 'run1', 'run%d' % i)))
        return up, results[0]

    def check_test(self, test):
        work = os.path.join(real(self.opts.work_dir), test.replace('/', '__'))
        os.makedirs(work, exist_ok=True)
        self.say('=== conformance test %s ===' % test)
        try:
            up, ref = self.reference(test, work)
        except TestError as e:
            self.say('  reference: FAIL\n' + indent(str(e)))
            self.say('RESULT %s: FAIL (reference build/run)' % test)
            return 1
        self.say('  reference: %s, %d lines of output' % (ref.status(), len(ref.stdout.splitlines())))
        if ref.rc != 0:
            self.say('  note: reference exits non-zero; its status is part of the contract')

        closure = libevent_closure(up['exe'], self.up_libs)
        self.say('  upstream libraries loaded: %s' % ', '.join(closure))
        absent = [s for s in closure if s not in self.our_libs]
        used, missing = self.missing_symbols(up['obj'], closure)
        if absent:
            reason = 'our build dir %s has no %s' % (self.our_dir, ', '.join(absent))
        elif missing:
            reason = ('%d of %d libevent symbols used are not exported by our libraries: %s'
                      % (len(missing), len(used), ' '.join(missing)))
        else:
            reason = None
        self.say('  symbols: %d libevent symbols used%s' % (
            len(used), '' if reason else ', all exported by our libraries'))
        if reason:
            for m in MODES:
                self.say('  %-8s SKIP (%s)' % (m + ':', 'missing library' if absent else 'missing symbols'))
            self.say('  skip reason: ' + reason)
            self.say('RESULT %s: SKIP' % test)
            return SKIP_RC

        modes = [m for m in MODES if m in self.opts.modes]
        verdict = {}
        for mode in modes:
            if mode != 'build' and self.opts.sanitize != 'none':
                verdict[mode] = 'SKIP'
                self.say('  %-8s SKIP (sanitize=%s build: the upstream-built binary has no '
                         'sanitizer runtime to host our libraries)' % (mode + ':', self.opts.sanitize))
                continue
            ok, detail = self.check_mode(mode, test, work, up, ref, closure)
            verdict[mode] = 'PASS' if ok else 'FAIL'
            self.say('  %-8s %s' % (mode + ':', verdict[mode]))
            if detail:
                self.say(indent(detail))
        if 'FAIL' in verdict.values():
            self.say('RESULT %s: FAIL' % test)
            return 1
        if verdict and all(v == 'SKIP' for v in verdict.values()):
            self.say('RESULT %s: SKIP' % test)
            return SKIP_RC
        self.say('RESULT %s: PASS' % test)
        return 0

    def check_mode(self, mode, test, work, up, ref, closure):
        notes = []
        if mode == 'build':
            src = os.path.join(self.conf_dir, test + '.c')
            ours = self.build('ours', src, work, 'ours', test)
            if 'error' in ours:
                return False, ours['error']
            ok, msg = check_headers(ours['dep'], self.our_inc, self.up_headers,
                                    os.path.join(self.up_incdir, 'event2'))
            notes.append('proof headers: ' + msg)
            if not ok:
                return False, '\n'.join(notes)
            ok, msg = check_link_trace(ours['trace'], self.our_dir)
            notes.append('proof link:    ' + msg)
            if not ok:
                return False, '\n'.join(notes)
            exe, env = ours['exe'], {}
        elif mode == 'relink':
            exe, env = up['exe'], {'LD_LIBRARY_PATH': self.our_dir}
        else:
            pre = [self.our_libs[s] for s in closure]
            exe, env = up['exe'], {'LD_PRELOAD': ' '.join(pre)}
            notes.append('LD_PRELOAD: ' + ' '.join(os.path.basename(p) for p in pre))
        res, maps = self.run(exe, work, mode, env)
        ok, msg = check_maps(maps, self.our_dir, self.up_libdir)
        notes.append('proof run:     ' + msg)
        if not ok:
            if res.stderr:
                notes.append('--- stderr ---\n' + res.stderr.rstrip())
            return False, '\n'.join(notes)
        if (res.stdout, res.rc) == (ref.stdout, ref.rc):
            notes.append('output identical (%d lines, %s)' % (len(ref.stdout.splitlines()), res.status()))
            return True, '\n'.join(notes)
        notes.append('output differs from upstream:')
        notes.append(diff(ref, res, 'upstream', mode))
        if res.stderr:
            notes.append('--- stderr (%s) ---\n%s' % (mode, res.stderr.rstrip()[-4000:]))
        return False, '\n'.join(notes)


def diff(a, b, an, bn):
    lines = list(difflib.unified_diff(a.stdout.splitlines(), b.stdout.splitlines(),
                                      'stdout ' + an, 'stdout ' + bn, lineterm=''))
    if a.status() != b.status():
        lines.append('status: %s = %s, %s = %s' % (an, a.status(), bn, b.status()))
    return '\n'.join(lines) if lines else '(no difference)'


def indent(text, prefix='    '):
    return '\n'.join(prefix + l for l in text.splitlines())


# --------------------------------------------------------------------------
# Registry

def read_manifest(conf_dir, with_options=False):
    """tests.list: one test per line, "<area>/<name> [pkg:<pkg-config name>]...".
    pkg: options add packages to both builds (libevent_* ones map to our
    same-named library in our build; others come from the system)."""
    tests = []
    options = {}
    with open(os.path.join(conf_dir, 'tests.list'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                words = line.split()
                tests.append(words[0])
                options[words[0]] = [w[4:] for w in words[1:] if w.startswith('pkg:')]
    return (tests, options) if with_options else tests


def test_sources(conf_dir):
    found = []
    for entry in sorted(os.listdir(conf_dir)):
        d = os.path.join(conf_dir, entry)
        if entry == 'harness' or entry.startswith('.') or not os.path.isdir(d):
            continue
        for root, _dirs, files in os.walk(d):
            for fn in files:
                if fn.endswith('.c'):
                    rel = os.path.relpath(os.path.join(root, fn), conf_dir)
                    found.append(rel[:-2])
    return sorted(found)


def check_registry(conf_dir):
    registered = read_manifest(conf_dir)
    on_disk = test_sources(conf_dir)
    dup = sorted(set(t for t in registered if registered.count(t) > 1))
    unreg = sorted(set(on_disk) - set(registered))
    gone = sorted(set(registered) - set(on_disk))
    print('=== conformance registry (conformance/tests.list) ===')
    print('  %d registered, %d test sources on disk' % (len(registered), len(on_disk)))
    for t in unreg:
        print('  FAIL: conformance/%s.c is not registered in conformance/tests.list' % t)
    for t in gone:
        print('  FAIL: %s is registered but conformance/%s.c does not exist' % (t, t))
    for t in dup:
        print('  FAIL: %s is registered more than once' % t)
    ok = not (unreg or gone or dup)
    print('RESULT registry: %s' % ('PASS' if ok else 'FAIL'))
    return 0 if ok else 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('tests', nargs='*', help='test names, e.g. core/timers (default: all registered)')
    ap.add_argument('--src-root', default=os.path.dirname(os.path.dirname(here)))
    ap.add_argument('--build-dir', help='directory holding our libevent*.so.7 (the meson build root)')
    ap.add_argument('--work-dir', help='scratch directory (default: <build-dir>/conformance/work)')
    ap.add_argument('--cc', default=os.environ.get('CC', 'cc'))
    ap.add_argument('--sanitize', default='none', choices=sorted(SAN_FLAGS))
    ap.add_argument('--modes', default=','.join(MODES))
    ap.add_argument('--run-timeout', type=float, default=6.0, help='seconds per test run')
    ap.add_argument('--check-registry', action='store_true', help='only compare folders with tests.list')
    ap.add_argument('--upstream-only', action='store_true',
                    help='author mode: build and run against upstream only, print its output')
    ap.add_argument('--repeat', type=int, default=3, help='upstream runs in --upstream-only mode')
    opts = ap.parse_args()
    opts.modes = [m for m in opts.modes.split(',') if m]
    conf_dir = os.path.join(real(opts.src_root), 'conformance')

    if opts.check_registry:
        return check_registry(conf_dir)

    tests = opts.tests or read_manifest(conf_dir)
    if not opts.work_dir:
        base = opts.build_dir or os.path.join(os.environ.get('TMPDIR', '/tmp'), 'evcxx-conf')
        opts.work_dir = os.path.join(base, 'conformance', 'work')
    os.makedirs(opts.work_dir, exist_ok=True)
    runner = Runner(opts)

    if opts.upstream_only:
        rc = 0
        for t in tests:
            work = os.path.join(real(opts.work_dir), t.replace('/', '__'))
            os.makedirs(work, exist_ok=True)
            print('=== %s (upstream only, %d runs) ===' % (t, opts.repeat), flush=True)
            try:
                _up, ref = runner.reference(t, work, repeat=opts.repeat)
            except TestError as e:
                print(indent(str(e)))
                print('RESULT %s: FAIL' % t)
                rc = 1
                continue
            sys.stdout.write(ref.stdout)
            print('--- %s, deterministic over %d runs' % (ref.status(), opts.repeat))
            if ref.stderr.strip():
                print('--- stderr ---\n' + ref.stderr.rstrip())
        return rc

    if not opts.build_dir:
        ap.error('--build-dir is required (the meson build root holding our libraries)')
    codes = [runner.check_test(t) for t in tests]
    if len(tests) > 1:
        print('=== summary: %d pass, %d skip, %d fail ===' % (
            codes.count(0), codes.count(SKIP_RC), sum(1 for c in codes if c not in (0, SKIP_RC))))
    if any(c not in (0, SKIP_RC) for c in codes):
        return 1
    if codes and all(c == SKIP_RC for c in codes):
        return SKIP_RC
    return 0


if __name__ == '__main__':
    sys.exit(main())
