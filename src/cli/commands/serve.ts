/**
 * `initlab serve`: serves the explorer (the static page `npm run build:web` writes to dist/web)
 * on a local port, with the headers that make the page cross-origin isolated
 * (`Cross-Origin-Opener-Policy: same-origin`, `Cross-Origin-Embedder-Policy: require-corp`), so
 * the kernels get shared memory. Only files under dist/web are served; nothing else is read.
 *
 * Example: `initlab serve --port 0` prints `http://127.0.0.1:41234/` and serves until Ctrl-C.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ArgumentError, fail } from '../../errors.js';
import { integer, text } from '../args.js';
import type { Io } from '../output.js';

/** dist/web at the package root (this file is src/cli/commands/ or dist/cli/commands/). */
export const WEB_ROOT = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The headers of cross-origin isolation, and the resource policy every same-origin file carries. */
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

export interface ServeOptions {
  /** Port (default 0: a free one). */
  readonly port?: number;
  /** Host (default 127.0.0.1). */
  readonly host?: string;
  /** The folder to serve (default dist/web). */
  readonly root?: string;
  /** Send the cross-origin isolation headers (default true). */
  readonly isolated?: boolean;
}

export interface Server {
  /** `http://HOST:PORT/`. */
  readonly url: string;
  close(): Promise<void>;
}

/** The file a request path names inside `root`, or undefined if it leaves `root`. */
export function fileFor(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const base = resolve(root);
  const file = resolve(base, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  return file === base || file.startsWith(base + sep) ? file : undefined;
}

async function respond(root: string, headers: Readonly<Record<string, string>>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
  const file = fileFor(root, new URL(req.url ?? '/', 'http://localhost').pathname);
  if (file === undefined) return send(403, 'forbidden');
  try {
    const info = await stat(file);
    if (!info.isFile()) return send(404, 'not found');
    send(200, await readFile(file), TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
  } catch {
    send(404, 'not found');
  }
}

/** Starts serving; resolves once the port is bound. */
export async function startServer(options: ServeOptions = {}): Promise<Server> {
  const root = options.root ?? WEB_ROOT;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!existsSync(join(root, 'index.html'))) {
    fail('serve', root, 'the built explorer (dist/web/index.html is missing: run `npm run build:web` first)');
  }
  const headers = options.isolated === false ? {} : ISOLATION;
  const server = createServer((req, res) => void respond(root, headers, req, res));
  await new Promise<void>((ok, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new ArgumentError('--port', port, `a free port (${port} is in use; --port 0 picks a free one)`));
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') reject(new ArgumentError('--host', host, 'an address of this machine, e.g. 127.0.0.1'));
      else if (e.code === 'EACCES') reject(new ArgumentError('--port', port, `a port this user may open (ports below 1024 need privileges)`));
      else reject(e);
    });
    server.listen(port, host, () => ok());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/`,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

export function serveCommand(program: Command, io: Io): void {
  program
    .command('serve')
    .summary('serve the explorer: the lab in the browser, on the same kernels')
    .description(
      'Serve the explorer (built by `npm run build:web` into dist/web) on a local port, cross-origin isolated so the '
        + 'kernels can use shared memory. Prints the URL as one line, then serves until interrupted (Ctrl-C).',
    )
    .option('--port <n>', 'port (default 8080; 0 picks a free one)', integer('--port', 0, 65_535))
    .option('--host <host>', 'address to listen on (default 127.0.0.1)', text('--host'))
    .action(async (o: { port?: number; host?: string }) => {
      const server = await startServer({ port: o.port ?? 8080, host: o.host ?? '127.0.0.1' });
      io.stdout(`${server.url}\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
