// Signal events: a process-wide handler writes the signal number into a
// pipe watched by one base. As upstream does, signals go to the base that
// most recently added a signal event or started its loop with signal
// events (one receiving base at a time per process).
#pragma once

struct event_base;
struct event;

namespace evcxx::signal {

// Returns -1 on error, 1 when the loop must be woken, 0 otherwise.
int add(event_base *b, event *ev);
int del(event_base *b, event *ev);
// A loop with signal events is starting: deliver signals to it.
void claim_delivery(event_base *b);
// Restore the handlers this base installed and close its pipe.
void release(event_base *b);
// In a forked child: a fresh pipe, so parent and child stop sharing one.
int reinit(event_base *b);
// libevent_global_shutdown: release process-wide state.
void free_globals();

} // namespace evcxx::signal
