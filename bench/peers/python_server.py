#!/usr/bin/env python3
"""A stdlib-only MCP stdio loop: the floor of an interpreted server.
Answers initialize, ping and tools/list; bench/run.sh measures it."""
import json
import sys

TOOLS = [{"name": "echo", "description": "Echo the text back",
          "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}}}]


def answer(msg):
    method = msg.get("method")
    if method == "initialize":
        return {"protocolVersion": "2025-11-25", "capabilities": {"tools": {}},
                "serverInfo": {"name": "python-peer", "version": "1"}}
    if method == "ping":
        return {}
    if method == "tools/list":
        return {"tools": TOOLS}
    return None


for line in sys.stdin:
    msg = json.loads(line)
    if "id" not in msg:
        continue
    result = answer(msg)
    if result is None:
        out = {"jsonrpc": "2.0", "id": msg["id"],
               "error": {"code": -32601, "message": "Method not found"}}
    else:
        out = {"jsonrpc": "2.0", "id": msg["id"], "result": result}
    sys.stdout.write(json.dumps(out, separators=(",", ":")) + "\n")
    sys.stdout.flush()
