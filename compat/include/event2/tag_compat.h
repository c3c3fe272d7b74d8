/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/tag_compat.h: libevent 1.x names of the tag encoders. */
#ifndef EVCXX_EVENT2_TAG_COMPAT_H
#define EVCXX_EVENT2_TAG_COMPAT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_TAG_COMPAT_H_INCLUDED_

#define encode_int(evbuf, number) evtag_encode_int((evbuf), (number))
#define encode_int64(evbuf, number) evtag_encode_int64((evbuf), (number))

#endif /* EVCXX_EVENT2_TAG_COMPAT_H */
