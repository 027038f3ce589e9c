/*
 * transport: MCP's stdio framing, one JSON-RPC message per line.
 *
 * Reading: lines end at '\n'; a '\r' before it is dropped, lines holding
 * only whitespace are skipped, partial reads and several lines per read are
 * reassembled, and a final line without '\n' before EOF still counts. A line
 * longer than max_line is not kept: the reader skips to its end and reports
 * XM_TRANSPORT_TOO_LONG once, then goes on with the next line, so memory
 * stays bounded by max_line whatever the client sends.
 *
 * Writing: xm_transport_send() appends '\n' and writes the whole message
 * with write(2) under a lock, so messages from several threads never
 * interleave. The reading thread may cork the output (xm_transport_cork) so
 * that answers to pipelined requests leave in one write: xm_transport_read
 * flushes before it blocks in read(2), and the caller flushes before slow
 * work (xm_transport_flush), so nothing is held back while the client
 * waits. A send from another thread writes at once. EPIPE or any other
 * write error marks the peer gone: sends then fail fast.
 *
 * SIGPIPE must be ignored by the program (xm_cmd_serve does it); then a
 * vanished client shows up as a failed send rather than a dead process.
 *
 * Ownership: the transport does not own the descriptors. Thread-safety: one
 * reading thread calls xm_transport_read/cork/flush; send may be called
 * from any thread.
 */
#ifndef XM_MCP_TRANSPORT_H
#define XM_MCP_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>

/* What a line may hold; beyond it the client gets an error for the line. */
#define XM_TRANSPORT_MAX_LINE (16u << 20)

enum xm_transport_status {
	XM_TRANSPORT_LINE = 0,  /* *line, *len hold one message */
	XM_TRANSPORT_TOO_LONG,  /* a line over max_line was skipped */
	XM_TRANSPORT_EOF,       /* the client closed stdin, or stopped reading */
	XM_TRANSPORT_ERROR,     /* read(2) failed (logged) */
};

struct xm_transport;

struct xm_transport *xm_transport_create(int in_fd, int out_fd, size_t max_line);
/* Flushes what is corked, then frees; accepts NULL. */
void xm_transport_destroy(struct xm_transport *t);

/*
 * Blocks until a line, EOF or an error, flushing corked output before it
 * waits. The line is NUL-terminated at line[len] and stays valid until the
 * next call.
 */
enum xm_transport_status xm_transport_read(struct xm_transport *t, const char **line,
		size_t *len);

/* Writes msg plus '\n'; msg must not contain a newline. False once the peer
 * is gone. */
bool xm_transport_send(struct xm_transport *t, const char *msg, size_t len);
/* Collect sends from the reading thread until xm_transport_flush(). */
void xm_transport_cork(struct xm_transport *t);
/* Uncorks and writes what was collected. False once the peer is gone. */
bool xm_transport_flush(struct xm_transport *t);
/* False after a failed write. */
bool xm_transport_alive(struct xm_transport *t);

#endif
