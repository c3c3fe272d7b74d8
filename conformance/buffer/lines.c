/* evbuffer_readln / evbuffer_search_eol for every end-of-line style, with line
 * endings split across chains (each piece added by reference is a chain),
 * NUL bytes, lone CRs, and the 1.x evbuffer_readline. */
#include <event2/buffer.h>
#include <event2/buffer_compat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *style_name[] = {"ANY", "CRLF", "CRLF_STRICT", "LF", "NUL"};

static struct evbuffer *pieces(const char **p, int n)
{
	struct evbuffer *b = evbuffer_new();
	int i;
	for (i = 0; i < n; ++i)
		evbuffer_add_reference(b, p[i], strlen(p[i]) + (p[i][0] == 0), NULL, NULL);
	return b;
}

static void print_escaped(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; ++i) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r') printf("\\r");
		else if (c == '\n') printf("\\n");
		else if (c == 0) printf("\\0");
		else putchar(c);
	}
}

static void drain_lines(const char *name, const char **p, int n, enum evbuffer_eol_style st)
{
	struct evbuffer *b = pieces(p, n);
	char *line;
	size_t len;
	printf("%s %s:", name, style_name[st]);
	while ((line = evbuffer_readln(b, &len, st)) != NULL) {
		printf(" [");
		print_escaped(line, len);
		printf("](%zu)", len);
		free(line);
	}
	printf(" left=%zu len_out=%zu\n", evbuffer_get_length(b), len);
	evbuffer_free(b);
}

static void eols(const char *name, const char **p, int n, enum evbuffer_eol_style st)
{
	struct evbuffer *b = pieces(p, n);
	struct evbuffer_ptr ptr;
	size_t eol = 99;
	printf("eol %s %s:", name, style_name[st]);
	ptr = evbuffer_search_eol(b, NULL, &eol, st);
	while (ptr.pos >= 0) {
		printf(" %zd/%zu", ptr.pos, eol);
		if (evbuffer_ptr_set(b, &ptr, eol, EVBUFFER_PTR_ADD) < 0) {
			printf(" end");
			break;
		}
		ptr = evbuffer_search_eol(b, &ptr, &eol, st);
	}
	printf(" last=%zd/%zu\n", ptr.pos, eol);
	evbuffer_free(b);
}

int main(void)
{
	const char *a[] = {"line one\r", "\nline two\n", "\r\nthree\r\r\n", "\n\nfour\r", "five"};
	const char *b[] = {"x\r", "\n", "\r", "\n", "y\n\r", "z"};
	const char *c[] = {"nul", "", "after", "", "", "tail\r\n"};
	const char *d[] = {"\n", "\r\n", "\r", "no end"};
	const char *e[] = {"abc\r", "def\r\n", "\r\r\n\n"};
	struct { const char *name; const char **p; int n; } cases[] = {
		{"a", a, 5}, {"b", b, 6}, {"c", c, 6}, {"d", d, 4}, {"e", e, 3},
	};
	int i, st;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < 5; ++i)
		for (st = 0; st <= 4; ++st) {
			drain_lines(cases[i].name, cases[i].p, cases[i].n, (enum evbuffer_eol_style)st);
			eols(cases[i].name, cases[i].p, cases[i].n, (enum evbuffer_eol_style)st);
		}
	{
		struct evbuffer *buf = pieces(a, 5);
		char *line;
		while ((line = evbuffer_readline(buf)) != NULL) {
			printf("readline [%s]\n", line);
			free(line);
		}
		printf("readline left %zu\n", evbuffer_get_length(buf));
		evbuffer_free(buf);
	}
	{
		struct evbuffer *buf = evbuffer_new();
		size_t n = 7;
		char *line = evbuffer_readln(buf, &n, EVBUFFER_EOL_LF);
		printf("empty readln %p n=%zu\n", (void *)line, n);
		evbuffer_add(buf, "abc\n", 4);
		line = evbuffer_readln(buf, &n, (enum evbuffer_eol_style)17);
		printf("bad style %d n=%zu len=%zu\n", line != NULL, n, evbuffer_get_length(buf));
		evbuffer_free(buf);
	}
	return 0;
}
