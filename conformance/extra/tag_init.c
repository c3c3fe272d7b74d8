/* Conformance: evtag_init(), the one libevent_extra function exported so far,
 * has nothing to set up and may be called any number of times. */
#include <stdio.h>
#include <event2/tag.h>

int main(void)
{
    evtag_init();
    evtag_init();
    printf("evtag_init called twice\n");
    return 0;
}
