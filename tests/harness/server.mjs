// Serves the fixture sites (tests/sites/<host>/…) on loopback. Chromium uses
// it as its proxy, so pages keep realistic host names while every request
// stays on this machine: unknown hosts and files get a 404. HTTPS tunnels
// (CONNECT) end here too, at a TLS server with a throwaway self-signed
// certificate (Chromium runs with --ignore-certificate-errors), so official
// https:// URLs such as the filter lists' can be served from fixtures.

import { execFileSync } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
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
 * @typedef {{ status: number, body: string, type?: string, delayMs?: number }} Override
 *   delayMs: how long the answer takes (a slow server)
 * @typedef {{ port: number, requests: LoggedRequest[], overrides: Map<string, Override>,
 *   close: () => Promise<void> }} FixtureServer
 */

/** A self-signed certificate for any host, made once per process. */
function selfSignedCertificate() {
  const dir = fsSync.mkdtempSync(path.join(os.tmpdir(), 'adlens-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=adlens-fixtures',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  const pair = { key: fsSync.readFileSync(path.join(dir, 'key.pem')), cert: fsSync.readFileSync(path.join(dir, 'cert.pem')) };
  fsSync.rmSync(dir, { recursive: true, force: true });
  return pair;
}

/**
 * Starts the server on an ephemeral loopback port.
 * @param {{ sitesDir?: string, routes?: Map<string, string>, cacheControl?: string }} [options] `routes`: exact
 *   URL → file, for serving saved real pages at their original addresses (benchmarks); `cacheControl`: what
 *   every answer's Cache-Control says, `no-store` unless told (no fixture is ever kept stale), `no-cache` for
 *   tests that go back to a page kept in the back/forward cache (Firefox keeps no `no-store` page there)
 * @returns {Promise<FixtureServer>}
 */
export async function startFixtureServer(options = {}) {
  const sitesDir = options.sitesDir ?? SITES_DIR;
  const routes = options.routes ?? new Map();
  const cacheControl = options.cacheControl ?? 'no-store';
  /** @type {LoggedRequest[]} */
  const requests = [];
  /** @type {Map<string, Override>} URL → canned answer, for tests of failures */
  const overrides = new Map();
  /**
   * @param {'http' | 'https'} scheme
   * @returns {http.RequestListener}
   */
  const handler = (scheme) => async (req, res) => {
    let url;
    try {
      // As a proxy the request line carries the absolute URL; through a
      // tunnel it carries the path and the Host header names the site.
      url = new URL(req.url ?? '/', `${scheme}://${req.headers.host ?? 'localhost'}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    requests.push({ method: req.method ?? 'GET', url: url.href, host: url.hostname, time: Date.now() });
    const override = overrides.get(url.href);
    if (override) {
      if (override.delayMs) await new Promise((resolve) => setTimeout(resolve, override.delayMs));
      res.writeHead(override.status, { 'content-type': override.type ?? 'text/html' }).end(override.body);
      return;
    }
    const file = routes.get(url.href) ?? (await resolveFile(sitesDir, url));
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not a fixture');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': cacheControl,
    });
    res.end(await fs.readFile(file));
  };
  const server = http.createServer(handler('http'));
  const tls = https.createServer(selfSignedCertificate(), handler('https'));
  // A CONNECT tunnel is handed to the TLS server as if it had connected there.
  // Every socket, tunnels included, so closing can end them all: a tunnel
  // left open kept server.close() waiting forever (a test file then hung
  // after its last test had passed).
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const track = (/** @type {import('node:net').Socket} */ socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  server.on('connection', track);
  server.on('connect', (_req, socket) => {
    track(/** @type {import('node:net').Socket} */ (socket));
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    tls.emit('connection', socket);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    requests,
    overrides,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      tls.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      tls.close();
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
  // A path without an extension is its `.html` file, as sites serve pages
  // (`youtube.com/watch` is `www.youtube.com/watch.html` here).
  for (const candidate of path.extname(file) ? [file] : [file, `${file}.html`]) {
    try {
      if ((await fs.stat(candidate)).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}
