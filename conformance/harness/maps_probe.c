/* evcxx conformance harness: proof of which libevent libraries a test run
 * mapped.  Linked into every conformance binary.  When the environment
 * variable EVCXX_CONF_MAPS names a file, the probe appends the paths of all
 * mapped files whose name starts with "libevent" -- once when the program
 * starts (after the dynamic loader has mapped every DT_NEEDED library and
 * LD_PRELOAD entry) and once when it exits normally (which also catches
 * anything loaded later).  It never writes to stdout or stderr, so the test's
 * own output is untouched. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void conf_probe_put(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void conf_probe_dump(const char *phase)
{
    const char *out = getenv("EVCXX_CONF_MAPS");
    if (out == NULL || *out == '\0')
        return;
    int in = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return;
    int fd = open(out, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        close(in);
        return;
    }
    /* Read the whole maps file; it is small for a test program. */
    static char buf[1 << 18];
    size_t len = 0;
    for (;;) {
        ssize_t r = read(in, buf + len, sizeof(buf) - 1 - len);
        if (r <= 0)
            break;
        len += (size_t)r;
        if (len == sizeof(buf) - 1)
            break;
    }
    buf[len] = '\0';
    close(in);

    char line[4200];
    size_t linelen = 0;
    /* One record per mapping line naming a libevent file: "<phase> <path>\n". */
    for (char *p = buf; *p; ) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *path = memchr(p, '/', n);
        if (path) {
            size_t plen = n - (size_t)(path - p);
            const char *base = path;
            for (size_t i = 0; i < plen; i++)
                if (path[i] == '/')
                    base = path + i + 1;
            if (strncmp(base, "libevent", 8) == 0 && plen < 4096) {
                linelen = 0;
                size_t phlen = strlen(phase);
                memcpy(line, phase, phlen);
                linelen = phlen;
                line[linelen++] = ' ';
                memcpy(line + linelen, path, plen);
                linelen += plen;
                line[linelen++] = '\n';
                conf_probe_put(fd, line, linelen);
            }
        }
        p += n;
        if (*p == '\n')
            p++;
    }
    /* A marker proves the probe ran even if no libevent file was mapped. */
    conf_probe_put(fd, phase, strlen(phase));
    conf_probe_put(fd, " -\n", 3);
    close(fd);
}

__attribute__((constructor)) static void conf_probe_start(void)
{
    conf_probe_dump("start");
}

__attribute__((destructor)) static void conf_probe_exit(void)
{
    conf_probe_dump("exit");
}
