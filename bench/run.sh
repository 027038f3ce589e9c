#!/bin/sh
# Measures xano-mcp and its peers side by side with xm-bench.
#   bench/run.sh [BUILD_DIR]        (default: build)
# The TypeScript SDK peer's npm packages are installed outside the tree,
# in ${XDG_CACHE_HOME:-$HOME/.cache}/xano-mcp/bench-peers.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
runs=${RUNS:-50}
pings=${PINGS:-200000}
bench=$build/bench/xm-bench
[ -x "$bench" ] || { echo "build first: ninja -C $build" >&2; exit 1; }

peers=${XDG_CACHE_HOME:-$HOME/.cache}/xano-mcp/bench-peers
mkdir -p "$peers"
cp "$root/bench/peers/package.json" "$root/bench/peers/ts-sdk-server.mjs" "$peers/"
if [ ! -d "$peers/node_modules/@modelcontextprotocol/sdk" ]; then
	npm install --prefix "$peers" --no-audit --no-fund --silent
fi

uptime
"$bench" -n "$runs" -p "$pings" xano-mcp "$build/xano-mcp" serve
"$bench" -n "$runs" -p "$pings" python python3 "$root/bench/peers/python_server.py"
"$bench" -n "$((runs / 5 + 1))" -p "$((pings / 4))" ts-sdk node "$peers/ts-sdk-server.mjs"
