/* bufferevent_socket_connect: TCP loopback to a listening socket
 * (CONNECTED), to a closed port (ERROR, refused at once on loopback), to an
 * AF_UNIX listener (connected at once: a write callback, then CONNECTED),
 * data after connecting; bufferevent_socket_connect_hostname with a
 * numeric host, an unknown name (ERROR and the dns error) and bad
 * arguments. */
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/util.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static struct event_base *base;
static int done;

static void on_log(int sev, const char *msg) { (void)msg; printf("log severity %d\n", sev); }

static void readcb(struct bufferevent *b, void *arg)
{
	char buf[64];
	size_t n = bufferevent_read(b, buf, sizeof buf);
	printf("%s readcb %zu bytes\n", (const char *)arg, n);
	event_base_loopexit(base, NULL);
}

static void writecb(struct bufferevent *b, void *arg)
{
	printf("%s writecb out=%zu\n", (const char *)arg, evbuffer_get_length(bufferevent_get_output(b)));
}

static void eventcb(struct bufferevent *b, short what, void *arg)
{
	printf("%s eventcb 0x%x fd-valid=%d\n", (const char *)arg, what, bufferevent_getfd(b) >= 0);
	++done;
	event_base_loopexit(base, NULL);
}

static int listener(struct sockaddr_in *sin)
{
	socklen_t sl = sizeof *sin;
	memset(sin, 0, sizeof *sin);
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(0x7f000001);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	bind(l, (struct sockaddr *)sin, sizeof *sin);
	listen(l, 5);
	getsockname(l, (struct sockaddr *)sin, &sl);
	return l;
}

int main(void)
{
	struct sockaddr_in sin;
	setvbuf(stdout, NULL, _IOLBF, 0);
	event_set_log_callback(on_log);
	base = event_base_new();

	puts("-- tcp to a listener");
	int l = listener(&sin);
	struct bufferevent *b = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, readcb, writecb, eventcb, "tcp");
	printf("connect=%d\n", bufferevent_socket_connect(b, (struct sockaddr *)&sin, sizeof sin));
	printf("fd-valid=%d enabled=%d\n", bufferevent_getfd(b) >= 0, bufferevent_get_enabled(b));
	event_base_dispatch(base);
	int peer = accept(l, NULL, NULL);
	bufferevent_enable(b, EV_READ);
	write(peer, "hello", 5);
	bufferevent_write(b, "ping", 4);
	event_base_dispatch(base);
	char buf[16];
	printf("peer got %zd\n", read(peer, buf, sizeof buf));
	puts("-- peer closes");
	close(peer);
	event_base_dispatch(base);
	bufferevent_free(b);

	puts("-- refused");
	close(l);
	b = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, readcb, writecb, eventcb, "refused");
	printf("connect=%d\n", bufferevent_socket_connect(b, (struct sockaddr *)&sin, sizeof sin));
	printf("enabled=%d\n", bufferevent_get_enabled(b));
	event_base_dispatch(base);
	printf("enabled=%d\n", bufferevent_get_enabled(b));
	bufferevent_free(b);

	puts("-- refused, deferred callbacks, writing disabled");
	b = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
	bufferevent_setcb(b, readcb, writecb, eventcb, "refused3");
	bufferevent_disable(b, EV_WRITE);
	printf("connect=%d\n", bufferevent_socket_connect(b, (struct sockaddr *)&sin, sizeof sin));
	event_base_dispatch(base);
	bufferevent_free(b);

	puts("-- refused, reading enabled first");
	b = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, readcb, writecb, eventcb, "refused2");
	bufferevent_enable(b, EV_READ | EV_WRITE);
	printf("connect=%d\n", bufferevent_socket_connect(b, (struct sockaddr *)&sin, sizeof sin));
	event_base_dispatch(base);
	bufferevent_free(b);

	puts("-- unix");
	struct sockaddr_un sun;
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof sun.sun_path, "/tmp/evcxx-conf-bev-%d", (int)getpid());
	unlink(sun.sun_path);
	int ul = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(ul, (struct sockaddr *)&sun, sizeof sun);
	listen(ul, 5);
	b = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, readcb, writecb, eventcb, "unix");
	printf("connect=%d\n", bufferevent_socket_connect(b, (struct sockaddr *)&sun, sizeof sun));
	event_base_loop(base, EVLOOP_NONBLOCK);
	event_base_loop(base, EVLOOP_NONBLOCK);
	bufferevent_free(b);
	close(ul);
	unlink(sun.sun_path);

	puts("-- unix, deferred callbacks");
	ul = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(ul, (struct sockaddr *)&sun, sizeof sun);
	listen(ul, 5);
	b = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
	bufferevent_setcb(b, readcb, writecb, eventcb, "unix-deferred");
	bufferevent_write(b, "early", 5);
	printf("connect=%d\n", bufferevent_socket_connect(b, (struct sockaddr *)&sun, sizeof sun));
	puts("(loop)");
	event_base_loop(base, EVLOOP_NONBLOCK);
	event_base_loop(base, EVLOOP_NONBLOCK);
	bufferevent_free(b);
	close(ul);
	unlink(sun.sun_path);

	puts("-- connect with an existing fd and no address");
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	evutil_make_socket_nonblocking(sv[0]);
	b = bufferevent_socket_new(base, sv[0], BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, readcb, writecb, eventcb, "nofd");
	printf("connect=%d\n", bufferevent_socket_connect(b, NULL, 0));
	event_base_loop(base, EVLOOP_NONBLOCK);
	bufferevent_free(b);
	close(sv[1]);
	b = bufferevent_socket_new(base, -1, 0);
	printf("connect without fd or address=%d\n", bufferevent_socket_connect(b, NULL, 0));
	bufferevent_free(b);

	puts("-- connect_hostname");
	l = listener(&sin);
	b = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, readcb, writecb, eventcb, "numeric");
	printf("connect_hostname=%d\n",
	       bufferevent_socket_connect_hostname(b, NULL, AF_INET, "127.0.0.1", ntohs(sin.sin_port)));
	printf("dns error=%d\n", bufferevent_socket_get_dns_error(b));
	event_base_dispatch(base);
	bufferevent_free(b);
	close(l);
	b = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(b, readcb, writecb, eventcb, "unknown");
	printf("connect_hostname=%d\n", bufferevent_socket_connect_hostname(b, NULL, AF_INET, "no-such-host.invalid", 80));
	printf("dns error is EAI_NONAME=%d\n", bufferevent_socket_get_dns_error(b) == EVUTIL_EAI_NONAME);
	printf("bad family=%d\n", bufferevent_socket_connect_hostname(b, NULL, AF_UNIX, "localhost", 80));
	printf("bad port=%d\n", bufferevent_socket_connect_hostname(b, NULL, AF_INET, "localhost", 0));
	printf("bad port=%d\n", bufferevent_socket_connect_hostname(b, NULL, AF_INET, "localhost", 65536));
	bufferevent_free(b);
	event_base_loop(base, EVLOOP_NONBLOCK);
	event_base_free(base);
	return 0;
}
