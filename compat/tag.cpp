// extern "C" facade of event2/tag.h. The tagging functions need evbuffer
// and arrive with it; evtag_init() has nothing to set up.
#include <event2/tag.h>

extern "C" {

void evtag_init(void) {}

} // extern "C"
