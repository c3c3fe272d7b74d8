// event_enable_debug_mode(): track which struct events are set up and added,
// and turn misuse (adding an unassigned event, re-assigning an added one,
// ...) into a fatal error, as upstream does.
#pragma once
#include <event2/event_struct.h>

namespace evcxx::debug {

extern bool mode_on;
// Set once a base or other object that depends on the mode exists.
extern bool mode_locked_in;

void enable();
void forget(const event *ev); // event_debug_unassign
void free_all();

// The checks below cost one branch while debug mode is off.
void note_setup_slow(const event *ev);
void note_teardown_slow(const event *ev);
void note_add_slow(const event *ev);
void note_del_slow(const event *ev);
void assert_is_setup_slow(const event *ev);
void assert_not_added_slow(const event *ev);
// Upstream asserts (fatally) that I/O fds are non-blocking in debug mode.
void assert_socket_nonblocking_slow(int fd);

inline void note_setup(const event *ev) { if (mode_on) note_setup_slow(ev); }
inline void note_teardown(const event *ev) { if (mode_on) note_teardown_slow(ev); }
inline void note_add(const event *ev) { if (mode_on) note_add_slow(ev); }
inline void note_del(const event *ev) { if (mode_on) note_del_slow(ev); }
inline void assert_is_setup(const event *ev) { if (mode_on) assert_is_setup_slow(ev); }
inline void assert_not_added(const event *ev) { if (mode_on) assert_not_added_slow(ev); }
inline void assert_socket_nonblocking(int fd) { if (mode_on) assert_socket_nonblocking_slow(fd); }

} // namespace evcxx::debug
