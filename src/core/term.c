#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xano-mcp/core/term.h"

bool xm_term_colour(FILE *f)
{
	const char *no_colour = getenv("NO_COLOR");
	if (no_colour && *no_colour) {
		return false;
	}
	const char *term = getenv("TERM");
	if (term && strcmp(term, "dumb") == 0) {
		return false;
	}
	int fd = fileno(f);
	return fd >= 0 && isatty(fd);
}
