// extern "C" facade of event2/bufferevent_ssl.h (libevent_openssl).
// The OpenSSL bufferevent needs the bufferevent engine; until it lands this
// library carries its soname and exports nothing.
#include <event2/bufferevent_ssl.h>
