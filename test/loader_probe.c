/*
 * loader-probe: opens one library through core/loader the way a command
 * would, so tests can watch it from outside (missing libraries, LD_DEBUG).
 *
 *     loader-probe curl|secret
 *
 * Prints the library's version (curl) or "ok" (secret) and exits 0, or
 * prints the loader's error and exits 1.
 */
#include <stdio.h>
#include <string.h>

#include "xano-mcp/core/loader.h"

int main(int argc, char **argv)
{
	struct xm_error err = XM_ERROR_INIT;
	if (argc == 2 && strcmp(argv[1], "curl") == 0) {
		const struct xm_libcurl *curl = xm_loader_libcurl(&err);
		if (curl) {
			printf("%s\n", curl->version());
			return 0;
		}
	} else if (argc == 2 && strcmp(argv[1], "secret") == 0) {
		if (xm_loader_libsecret(&err)) {
			puts("ok");
			return 0;
		}
	} else {
		fputs("usage: loader-probe curl|secret\n", stderr);
		return 2;
	}
	fprintf(stderr, "%s\n", err.message);
	return 1;
}
