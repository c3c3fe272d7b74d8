/* evbuffer operations, no event loop.  Per op:
 *   add-remove-64, add-remove-4k: evbuffer_add of one block and
 *       evbuffer_remove of one, FIFO behind a one-block backlog
 *   readln: evbuffer_readln of one 40-byte CRLF line (and its free) from a
 *       buffer of many chains holding all the lines
 *   search: evbuffer_search for a 4-byte needle ("\r\n\r\n", at the end) in
 *       64 KiB of 40-byte CRLF lines spread over 64 chains of 1 KiB
 *   add-buffer: evbuffer_add_buffer moving a 64 KiB buffer of 16 chains into
 *       an empty one (and, the next op, back)
 *   reserve-commit: evbuffer_reserve_space of 4 KiB, evbuffer_commit_space of
 *       4 KiB, evbuffer_drain of 4 KiB
 *   pullup: evbuffer_pullup of 16 KiB held in 64 reference chains of 256
 *       bytes, then evbuffer_drain of it (one prepared buffer per op) */
#include "../harness/bench.h"

#include <event2/buffer.h>
#include <stdlib.h>
#include <string.h>

enum { EVB_ADD_REMOVE, EVB_READLN, EVB_SEARCH, EVB_ADD_BUFFER, EVB_RESERVE, EVB_PULLUP };

enum {
	LINE = 40,             /* bytes per line, CRLF included */
	SEARCH_BYTES = 65536,  /* the searched buffer */
	SEARCH_CHAIN = 1024,   /* its chain size */
	MOVE_BYTES = 65536,    /* the moved buffer */
	MOVE_BLOCK = 4096,     /* added in blocks of this size (one chain each) */
	RESERVE = 4096,
	PULLUP_BYTES = 16384,
	PULLUP_CHAIN = 256,
};

static char block[PULLUP_BYTES]; /* source bytes: letters, never CR or LF */

static struct evbuffer *new_buffer(void)
{
	struct evbuffer *b = evbuffer_new();
	if (!b)
		bench_fail("evbuffer_new");
	return b;
}

static void add(struct evbuffer *b, const void *data, size_t n)
{
	if (evbuffer_add(b, data, n) != 0)
		bench_fail("evbuffer_add");
}

/* One CRLF line of LINE bytes, one letter of it varying, as in a log. */
static void add_line(struct evbuffer *b, long long i)
{
	char line[LINE];
	memcpy(line, block, LINE - 2);
	line[i % (LINE - 2)] = (char)('0' + i % 10);
	line[LINE - 2] = '\r';
	line[LINE - 1] = '\n';
	add(b, line, LINE);
}

/* Appends len bytes in chains of `chain` bytes each: evbuffer_add packs
 * small writes into shared chains, so each piece is added to an empty buffer
 * (one new chain) and linked over with evbuffer_add_buffer. */
static void add_in_chains(struct evbuffer *b, const char *data, size_t len, size_t chain)
{
	struct evbuffer *piece = new_buffer();
	for (size_t off = 0; off < len; off += chain) {
		add(piece, data + off, len - off < chain ? len - off : chain);
		if (evbuffer_add_buffer(b, piece) != 0)
			bench_fail("evbuffer_add_buffer");
	}
	evbuffer_free(piece);
}

static long long run_add_remove(size_t n, long long ops)
{
	struct evbuffer *b = new_buffer();
	char out[4096];
	add(b, block, n);
	bench_begin();
	for (long long i = 0; i < ops; i++) {
		add(b, block, n);
		if (evbuffer_remove(b, out, n) != (int)n)
			bench_fail("evbuffer_remove");
	}
	bench_end();
	evbuffer_free(b);
	return ops;
}

static long long run_readln(long long ops)
{
	struct evbuffer *b = new_buffer();
	for (long long i = 0; i < ops; i++)
		add_line(b, i);
	long long lines = 0;
	bench_begin();
	for (;;) {
		size_t n;
		char *line = evbuffer_readln(b, &n, EVBUFFER_EOL_CRLF);
		if (!line)
			break;
		free(line);
		lines++;
	}
	bench_end();
	if (lines != ops)
		bench_fail("readln line count");
	evbuffer_free(b);
	return lines;
}

static long long run_search(long long ops)
{
	static char text[SEARCH_BYTES];
	struct evbuffer *b = new_buffer();
	/* Header-like CRLF lines (every CR starts a partial match), the needle last. */
	memset(text, 'a', sizeof text);
	for (size_t end = LINE; end <= SEARCH_BYTES - 2; end += LINE)
		memcpy(text + end - 2, "\r\n", 2);
	memcpy(text + SEARCH_BYTES - 4, "\r\n\r\n", 4);
	add_in_chains(b, text, SEARCH_BYTES, SEARCH_CHAIN);
	bench_begin();
	for (long long i = 0; i < ops; i++) {
		struct evbuffer_ptr p = evbuffer_search(b, "\r\n\r\n", 4, NULL);
		if (p.pos != SEARCH_BYTES - 4)
			bench_fail("evbuffer_search");
	}
	bench_end();
	evbuffer_free(b);
	return ops;
}

static long long run_add_buffer(long long ops)
{
	struct evbuffer *a = new_buffer(), *b = new_buffer();
	for (int off = 0; off < MOVE_BYTES; off += MOVE_BLOCK)
		add_in_chains(a, block, MOVE_BLOCK, MOVE_BLOCK);
	bench_begin();
	for (long long i = 0; i < ops; i++) {
		struct evbuffer *from = i & 1 ? b : a, *to = i & 1 ? a : b;
		if (evbuffer_add_buffer(to, from) != 0)
			bench_fail("evbuffer_add_buffer");
	}
	bench_end();
	if (evbuffer_get_length(ops & 1 ? b : a) != MOVE_BYTES)
		bench_fail("add_buffer length");
	evbuffer_free(a);
	evbuffer_free(b);
	return ops;
}

static long long run_reserve(long long ops)
{
	struct evbuffer *b = new_buffer();
	bench_begin();
	for (long long i = 0; i < ops; i++) {
		struct evbuffer_iovec v;
		if (evbuffer_reserve_space(b, RESERVE, &v, 1) != 1 || v.iov_len < RESERVE)
			bench_fail("evbuffer_reserve_space");
		v.iov_len = RESERVE;
		if (evbuffer_commit_space(b, &v, 1) != 0 || evbuffer_drain(b, RESERVE) != 0)
			bench_fail("evbuffer_commit_space");
	}
	bench_end();
	evbuffer_free(b);
	return ops;
}

static long long run_pullup(long long ops)
{
	struct evbuffer **bs = calloc((size_t)ops, sizeof *bs);
	if (!bs)
		bench_fail("pullup calloc");
	for (long long i = 0; i < ops; i++) {
		bs[i] = new_buffer();
		for (int off = 0; off < PULLUP_BYTES; off += PULLUP_CHAIN)
			if (evbuffer_add_reference(bs[i], block + off, PULLUP_CHAIN, NULL, NULL) != 0)
				bench_fail("evbuffer_add_reference");
	}
	bench_begin();
	for (long long i = 0; i < ops; i++) {
		if (!evbuffer_pullup(bs[i], PULLUP_BYTES) || evbuffer_drain(bs[i], PULLUP_BYTES) != 0)
			bench_fail("evbuffer_pullup");
	}
	bench_end();
	for (long long i = 0; i < ops; i++)
		evbuffer_free(bs[i]);
	free(bs);
	return ops;
}

static int run_evbuffer(const struct bench_workload *w, long long ops, struct bench_result *out)
{
	for (size_t i = 0; i < sizeof block; i++)
		block[i] = (char)('a' + i % 26);
	switch (w->active) {
	case EVB_ADD_REMOVE:
		out->ops = run_add_remove((size_t)bench_size(w), ops);
		break;
	case EVB_READLN:
		out->ops = run_readln(ops);
		break;
	case EVB_SEARCH:
		out->ops = run_search(ops);
		break;
	case EVB_ADD_BUFFER:
		out->ops = run_add_buffer(ops);
		break;
	case EVB_RESERVE:
		out->ops = run_reserve(ops);
		break;
	default:
		out->ops = run_pullup(ops);
	}
	out->passes = 0;
	return 0;
}

/* Fields: name, unit, run, size, active, ops, smoke_size, smoke_ops. */
static struct bench_workload evbuffer_workloads[] = {
	{"evbuffer-add-remove-64", "op", run_evbuffer, 64, EVB_ADD_REMOVE, 2000000, 64, 1000, NULL},
	{"evbuffer-add-remove-4k", "op", run_evbuffer, 4096, EVB_ADD_REMOVE, 1000000, 4096, 1000, NULL},
	{"evbuffer-readln", "op", run_evbuffer, 0, EVB_READLN, 1000000, 0, 1000, NULL},
	{"evbuffer-search", "op", run_evbuffer, 0, EVB_SEARCH, 5000, 0, 10, NULL},
	{"evbuffer-add-buffer", "op", run_evbuffer, 0, EVB_ADD_BUFFER, 5000000, 0, 1000, NULL},
	{"evbuffer-reserve-commit", "op", run_evbuffer, 0, EVB_RESERVE, 2000000, 0, 1000, NULL},
	{"evbuffer-pullup", "op", run_evbuffer, 0, EVB_PULLUP, 20000, 0, 100, NULL},
};
BENCH_REGISTER(evbuffer_workloads)
