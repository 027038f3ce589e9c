#!/bin/sh
# Quick start: installs what xano-mcp needs (Debian 12 packages, only the
# missing ones), builds it in ./build, and runs it on the bundled example.
# Nothing is installed outside this folder unless you pass --install, which
# runs `meson install` (to /usr/local).
set -eu
cd "$(dirname "$0")/.."

# The main job, run on the bundled example from the top of the source tree.
main_job='help'

sh scripts/install-deps.sh
if [ -f build/build.ninja ]; then
	meson setup --reconfigure build >/dev/null
else
	meson setup build >/dev/null
fi
ninja -C build
if [ "${1:-}" = --install ]; then
	meson install -C build
fi

echo "\$ xano-mcp $main_job"
# shellcheck disable=SC2086 # main_job is a command line
./build/xano-mcp $main_job
