#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOG_MODULE "transport"
#include "xano-mcp/core/buf.h"
#include "xano-mcp/core/log.h"
#include "xano-mcp/core/xalloc.h"
#include "xano-mcp/mcp/transport.h"

/* Read granularity; the buffer grows beyond it only for long lines. */
#define CHUNK (64u << 10)
/* Corked output is written once it reaches this size anyway. */
#define CORK_LIMIT (256u << 10)
/* Output buffers larger than this are released after a write, so one big
 * answer does not pin its memory for the rest of the session. */
#define KEEP_LIMIT (1u << 20)

struct xm_transport {
	int in_fd;
	int out_fd;
	size_t max_line;

	/* Input bytes [start, end) are unconsumed; [start, scanned) hold no
	 * newline. The buffer always keeps one spare byte for a terminator. */
	char *in;
	size_t cap, start, end, scanned;
	bool discarding; /* inside a line that is too long */
	bool eof;

	pthread_mutex_t lock; /* guards everything below */
	struct xm_buf out;
	bool corked;
	pthread_t cork_owner;
	bool dead;
};

struct xm_transport *xm_transport_create(int in_fd, int out_fd, size_t max_line)
{
	struct xm_transport *t = xm_calloc(1, sizeof(*t));
	t->in_fd = in_fd;
	t->out_fd = out_fd;
	t->max_line = max_line;
	t->cap = CHUNK;
	t->in = xm_malloc(t->cap);
	pthread_mutex_init(&t->lock, NULL);
	xm_buf_init(&t->out);
	return t;
}

void xm_transport_destroy(struct xm_transport *t)
{
	if (!t) {
		return;
	}
	xm_transport_flush(t);
	pthread_mutex_destroy(&t->lock);
	xm_buf_finish(&t->out);
	free(t->in);
	free(t);
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') {
			return false;
		}
	}
	return true;
}

/* Takes [start, stop) as a line and terminates it; false when blank. */
static bool take_line(struct xm_transport *t, size_t stop, const char **line, size_t *len)
{
	char *s = t->in + t->start;
	size_t n = stop - t->start;
	if (n > 0 && s[n - 1] == '\r') {
		n--;
	}
	s[n] = '\0';
	*line = s;
	*len = n;
	return !blank(s, n);
}

/* Moves the unconsumed bytes to the front of the buffer. */
static void compact(struct xm_transport *t)
{
	memmove(t->in, t->in + t->start, t->end - t->start);
	t->end -= t->start;
	t->scanned -= t->start;
	t->start = 0;
}

/* Makes room for at least CHUNK more bytes plus the terminator. */
static void make_room(struct xm_transport *t)
{
	if (t->start > 0) {
		compact(t);
	}
	if (t->cap - t->end < CHUNK + 1) {
		size_t cap = t->cap * 2;
		while (cap - t->end < CHUNK + 1) {
			cap *= 2;
		}
		t->in = xm_realloc(t->in, cap);
		t->cap = cap;
	}
}

/* After a long line, give the memory back. */
static void shrink(struct xm_transport *t)
{
	if (t->cap > 4 * CHUNK && t->end - t->start < CHUNK) {
		compact(t);
		t->in = xm_realloc(t->in, CHUNK * 2);
		t->cap = CHUNK * 2;
	}
}

enum xm_transport_status xm_transport_read(struct xm_transport *t, const char **line,
		size_t *len)
{
	for (;;) {
		char *nl = memchr(t->in + t->scanned, '\n', t->end - t->scanned);
		if (nl) {
			size_t stop = (size_t)(nl - t->in);
			bool was_discarding = t->discarding;
			bool ok = !was_discarding && take_line(t, stop, line, len);
			t->discarding = false;
			t->start = t->scanned = stop + 1;
			if (was_discarding || (ok && *len > t->max_line)) {
				shrink(t);
				return XM_TRANSPORT_TOO_LONG;
			}
			if (ok) {
				return XM_TRANSPORT_LINE;
			}
			continue;
		}
		t->scanned = t->end;
		if (t->discarding || t->end - t->start > t->max_line + 1) {
			/* drop what we have of the long line; keep looking for its end */
			t->discarding = true;
			t->start = t->end = t->scanned = 0;
			shrink(t);
		}
		if (t->eof) {
			if (t->discarding) {
				t->discarding = false;
				return XM_TRANSPORT_TOO_LONG;
			}
			if (t->end > t->start) {
				bool ok = take_line(t, t->end, line, len);
				t->start = t->scanned = t->end;
				if (ok) {
					return XM_TRANSPORT_LINE;
				}
			}
			return XM_TRANSPORT_EOF;
		}
		/* About to wait for the client: nothing may be held back now.
		 * A client that stopped reading is gone: waiting would hang. */
		if (!xm_transport_flush(t)) {
			return XM_TRANSPORT_EOF;
		}
		make_room(t);
		ssize_t n;
		do {
			n = read(t->in_fd, t->in + t->end, t->cap - t->end - 1);
		} while (n < 0 && errno == EINTR);
		if (n < 0) {
			LOG_ERRNO("reading the client's messages");
			return XM_TRANSPORT_ERROR;
		}
		if (n == 0) {
			t->eof = true;
		}
		t->end += (size_t)n;
	}
}

/* With the lock held. */
static void write_out(struct xm_transport *t)
{
	const char *p = t->out.data;
	size_t left = t->out.len;
	while (left > 0 && !t->dead) {
		ssize_t n = write(t->out_fd, p, left);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			/* EPIPE: the client is gone. No logging here: the log
			 * listener may be the one sending. */
			t->dead = true;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	if (t->out.cap > KEEP_LIMIT) {
		xm_buf_finish(&t->out);
	} else {
		xm_buf_reset(&t->out);
	}
}

bool xm_transport_send(struct xm_transport *t, const char *msg, size_t len)
{
	pthread_mutex_lock(&t->lock);
	if (!t->dead) {
		xm_buf_add(&t->out, msg, len);
		xm_buf_addc(&t->out, '\n');
		bool hold = t->corked && pthread_equal(t->cork_owner, pthread_self()) &&
				t->out.len < CORK_LIMIT;
		if (!hold) {
			write_out(t);
		}
	}
	bool alive = !t->dead;
	pthread_mutex_unlock(&t->lock);
	return alive;
}

void xm_transport_cork(struct xm_transport *t)
{
	pthread_mutex_lock(&t->lock);
	t->corked = true;
	t->cork_owner = pthread_self();
	pthread_mutex_unlock(&t->lock);
}

bool xm_transport_flush(struct xm_transport *t)
{
	pthread_mutex_lock(&t->lock);
	t->corked = false;
	write_out(t);
	bool alive = !t->dead;
	pthread_mutex_unlock(&t->lock);
	return alive;
}

bool xm_transport_alive(struct xm_transport *t)
{
	pthread_mutex_lock(&t->lock);
	bool alive = !t->dead;
	pthread_mutex_unlock(&t->lock);
	return alive;
}
