/* evcxx -- libevent 2.1.12 compatible event library.
 * event2/visibility.h: the export annotation carried by every public
 * function declaration. */
#ifndef EVCXX_EVENT2_VISIBILITY_H
#define EVCXX_EVENT2_VISIBILITY_H

/* Marker that libevent's own header leaves defined. */
#define EVENT2_VISIBILITY_H_INCLUDED_

#include <event2/event-config.h>

/* Inside the evcxx build (compiled with -fvisibility=hidden) public entry
 * points are given default visibility; client code sees an empty macro. */
#if defined(EVCXX_BUILDING_LIBRARY) && (defined(__GNUC__) || defined(__clang__))
#define EVENT2_EXPORT_SYMBOL __attribute__((visibility("default")))
#else
#define EVENT2_EXPORT_SYMBOL
#endif

/* Older spelling kept for code written against the Windows DLL split. */
#ifndef EVENT2_CORE_EXPORT_SYMBOL
#define EVENT2_CORE_EXPORT_SYMBOL EVENT2_EXPORT_SYMBOL
#endif

#endif /* EVCXX_EVENT2_VISIBILITY_H */
