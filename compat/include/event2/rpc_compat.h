/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/rpc_compat.h: libevent 1.x forms of the EVTAG_* accessors.  With
 * GNU C they take any number of extra arguments. */
#ifndef EVCXX_EVENT2_RPC_COMPAT_H
#define EVCXX_EVENT2_RPC_COMPAT_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_RPC_COMPAT_H_INCLUDED_

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && !defined(__STRICT_ANSI__)
#undef EVTAG_ASSIGN
#undef EVTAG_GET
#undef EVTAG_ADD
#define EVTAG_ASSIGN(msg, member, args...) \
	(*(msg)->base->member##_assign)(msg, ## args)
#define EVTAG_GET(msg, member, args...) \
	(*(msg)->base->member##_get)(msg, ## args)
#define EVTAG_ADD(msg, member, args...) \
	(*(msg)->base->member##_add)(msg, ## args)
#endif

/* Number of elements of an array member. */
#define EVTAG_LEN(msg, member) ((msg)->member ##_length)

#ifdef __cplusplus
}
#endif

#endif /* EVCXX_EVENT2_RPC_COMPAT_H */
