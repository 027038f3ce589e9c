#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "sdk_files.h"

enum { MAX_DEPTH = 4 };

static void walk(const char *dir, unsigned depth, void (*visit)(const char *, void *),
		void *data)
{
	DIR *d = opendir(dir);
	if (!d) {
		return;
	}
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.') {
			continue;
		}
		char path[2048];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		size_t l = strlen(e->d_name);
		if (l > 3 && strcmp(e->d_name + l - 3, ".js") == 0) {
			visit(path, data);
		} else if (depth < MAX_DEPTH && !strchr(e->d_name, '.')) {
			/* A name without a dot: a folder, as in the trees walked. */
			walk(path, depth + 1, visit, data);
		}
	}
	closedir(d);
}

void bench_sdk_files(const char *dir, void (*visit)(const char *path, void *data), void *data)
{
	walk(dir, 0, visit, data);
}
