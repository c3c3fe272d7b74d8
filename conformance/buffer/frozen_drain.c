/* evbuffer_drain on frozen buffers: an empty one drains with success, a non-empty one refuses. */
#include <event2/buffer.h>
#include <stdio.h>
int main(void) {
  struct evbuffer *b = evbuffer_new();
  evbuffer_freeze(b, 1);
  printf("empty drain 5 -> %d\n", evbuffer_drain(b, 5));
  printf("empty drain 0 -> %d\n", evbuffer_drain(b, 0));
  evbuffer_unfreeze(b, 1); evbuffer_add(b, "abc", 3); evbuffer_freeze(b, 1);
  printf("full drain 0 -> %d\n", evbuffer_drain(b, 0));
  printf("full drain 2 -> %d len %zu\n", evbuffer_drain(b, 2), evbuffer_get_length(b));
  evbuffer_unfreeze(b, 1);
  evbuffer_free(b);
  return 0;
}
