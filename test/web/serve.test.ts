// `initlab serve`: the URL line, the isolation headers, content types, no way out of the served
// folder, and clear errors for a missing build and a port in use.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileFor, startServer, type Server } from '../../src/cli/commands/serve.js';
import { ArgumentError } from '../../src/errors.js';
import { cli } from '../cli/cli.js';

/** A raw GET (no URL normalisation, so `..` reaches the server as sent). */
function get(url: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((ok, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('initlab serve', () => {
  const root = mkdtempSync(join(tmpdir(), 'initlab-serve-'));
  const site = join(root, 'site');
  let server: Server;

  beforeAll(async () => {
    mkdirSync(join(site, 'fonts'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(site, 'app.js'), 'export {};');
    writeFileSync(join(site, 'fonts', 'a.woff2'), 'x');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    server = await startServer({ root: site, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves on 127.0.0.1 by default and says where', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('sends the cross-origin isolation headers and the right content types', async () => {
    const page = await get(server.url, '/');
    expect(page.status).toBe(200);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await get(server.url, '/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(server.url, '/fonts/a.woff2')).headers['content-type']).toBe('font/woff2');
    expect((await get(server.url, '/?depth=3&width=8')).status).toBe(200);
  });

  it('serves nothing outside its folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/fonts/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const r = await get(server.url, path);
      expect(r.status, path).not.toBe(200);
      expect(r.body).not.toContain('secret');
    }
    expect(fileFor(site, '/../secret.txt')).toBeUndefined();
    expect(fileFor(site, '/fonts/a.woff2')).toBe(join(site, 'fonts', 'a.woff2'));
    expect((await get(server.url, '/missing.js')).status).toBe(404);
  });

  it('says which port is taken', async () => {
    const port = Number(new URL(server.url).port);
    await expect(startServer({ root: site, port })).rejects.toThrow(new ArgumentError('--port', port, `a free port (${port} is in use; --port 0 picks a free one)`));
  });

  it('tells the user to build the page when it is missing', async () => {
    await expect(startServer({ root: join(root, 'nothing'), port: 0 })).rejects.toThrow(/npm run build:web/);
  });

  it('refuses a bad --port as the CLI does', async () => {
    const r = await cli('serve', '--port', '70000');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('initlab: error: --port="70000", expected an integer in [0, 65535]\n');
  });
});
