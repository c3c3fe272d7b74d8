// Shared pieces of the [stream] tests: a base, socket pairs, a log capture.
#pragma once
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include <sys/socket.h>
#include <unistd.h>

#include <vector>

namespace stream_test {

struct Base {
	event_base *base = event_base_new();
	~Base() { event_base_free(base); }
	void pass() { event_base_loop(base, EVLOOP_NONBLOCK); }
};

struct SocketPair {
	int fd[2] = {-1, -1};
	SocketPair() { socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fd); }
	~SocketPair()
	{
		for (int f : fd)
			if (f >= 0)
				close(f);
	}
	// Hand fd[i] to a CLOSE_ON_FREE bufferevent.
	int release(int i)
	{
		const int f = fd[i];
		fd[i] = -1;
		return f;
	}
};

// Log severities seen while alive.
struct LogCapture {
	static inline std::vector<int> severities;
	LogCapture()
	{
		severities.clear();
		event_set_log_callback([](int sev, const char *) { severities.push_back(sev); });
	}
	~LogCapture() { event_set_log_callback(nullptr); }
};

} // namespace stream_test
