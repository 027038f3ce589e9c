/*
 * term: what the terminal on the other end of a stream accepts.
 *
 * One rule for every coloured output (log lines, diagnostics, help): colour
 * only when the stream is a terminal, TERM is not "dumb" and NO_COLOR is
 * unset or empty (https://no-color.org). Reads the environment on every
 * call; thread-safe as long as nobody calls setenv() concurrently.
 */
#ifndef XM_CORE_TERM_H
#define XM_CORE_TERM_H

#include <stdbool.h>
#include <stdio.h>

bool xm_term_colour(FILE *f);

#endif
