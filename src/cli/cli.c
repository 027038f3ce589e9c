#include <getopt.h>

#include "xano-mcp/cli/cli.h"

void xm_cli_getopt_reset(void)
{
	/* glibc re-initialises its scanner when optind is 0. */
	optind = 0;
	opterr = 1;
}
