#!/bin/sh
# Quick start: installs what xano-mcp needs (Debian 12 packages, only the
# missing ones), builds it in ./build, and runs it on the bundled example.
# Nothing is installed outside this folder unless you pass --install, which
# runs `meson install` (to /usr/local).
set -eu
cd "$(dirname "$0")/.."

sh .ci/install-deps.sh
if [ -f build/build.ninja ]; then
	meson setup --reconfigure build >/dev/null
else
	meson setup build >/dev/null
fi
ninja -C build
if [ "${1:-}" = --install ]; then
	meson install -C build
fi

# The main job: compile the example app (examples/app, SDK code) to
# XanoScript in build/app/, one .xs file per .js file, and show one.
echo '$ xano-mcp compile examples/app/...'
find examples/app -name '*.js' | sort | while read -r f; do
	out="build/app/${f#examples/app/}"
	out="${out%.js}.xs"
	mkdir -p "$(dirname "$out")"
	./build/xano-mcp compile "$f" >"$out"
	echo "  $f -> $out"
done
echo '$ cat build/app/api/posts/update.xs'
cat build/app/api/posts/update.xs
