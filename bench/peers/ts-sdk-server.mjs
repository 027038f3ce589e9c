// The smallest useful MCP server on the official TypeScript SDK: one tool
// over stdio. bench/run.sh measures it beside xano-mcp.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'ts-sdk-peer', version: '1.0.0' });
server.tool('echo', 'Echo the text back', { text: z.string() },
	async ({ text }) => ({ content: [{ type: 'text', text }] }));
await server.connect(new StdioServerTransport());
