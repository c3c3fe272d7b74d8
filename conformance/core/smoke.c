#include <stdio.h>
#include <event2/event.h>
int main(void){ struct event_base *b = event_base_new(); printf("base %s\n", b ? "ok" : "null"); printf("dispatch %d\n", event_base_dispatch(b)); event_base_free(b); return 0; }
