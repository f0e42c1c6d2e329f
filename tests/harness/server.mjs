// Serves the fixture sites (tests/sites/<host>/…) on loopback. Chromium uses
// it as its HTTP proxy, so pages keep realistic host names while every
// request stays on this machine: unknown hosts and files get a 404, and
// HTTPS tunnels (CONNECT) are refused.

import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SITES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sites');

const TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
});

/**
 * @typedef {{ method: string, url: string, host: string, time: number }} LoggedRequest
 * @typedef {{ port: number, requests: LoggedRequest[], close: () => Promise<void> }} FixtureServer
 */

/**
 * Starts the server on an ephemeral loopback port.
 * @param {{ sitesDir?: string }} [options]
 * @returns {Promise<FixtureServer>}
 */
export async function startFixtureServer(options = {}) {
  const sitesDir = options.sitesDir ?? SITES_DIR;
  /** @type {LoggedRequest[]} */
  const requests = [];
  const server = http.createServer(async (req, res) => {
    let url;
    try {
      // As a proxy the request line carries the absolute URL.
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    requests.push({ method: req.method ?? 'GET', url: url.href, host: url.hostname, time: Date.now() });
    const file = await resolveFile(sitesDir, url);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not a fixture');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(await fs.readFile(file));
  });
  server.on('connect', (_req, socket) => {
    socket.end('HTTP/1.1 502 Not a fixture\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * Maps a URL to a file under sitesDir, refusing anything outside it.
 * @param {string} sitesDir
 * @param {URL} url
 * @returns {Promise<string | null>}
 */
async function resolveFile(sitesDir, url) {
  const hostDir = path.join(sitesDir, url.hostname);
  let rel = decodeURIComponent(url.pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.resolve(hostDir, `.${rel}`);
  if (!file.startsWith(hostDir + path.sep)) return null;
  try {
    return (await fs.stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}
