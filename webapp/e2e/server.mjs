// A stand-in for the Go server, so the browser tests run without it: serves
// dist/ with the same Content-Security-Policy, an SPA fallback to index.html,
// GET /healthz → {"status":"ok"}, and the account and notification API from the test double in
// fake-api.mjs. Used only when NOABER_E2E_URL is unset.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { createFakeApi } from './fake-api.mjs';

export const csp = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'",
  "img-src 'self' data: blob:", "connect-src 'self'", "manifest-src 'self'",
  "worker-src 'self'", "object-src 'none'", "base-uri 'self'",
  "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
};

function send(res, status, type, body, extra = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': csp, ...extra });
  res.end(body);
}

async function serveFile(root, path, res) {
  // Hashed assets never change; everything else is checked every time.
  const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  const body = await readFile(join(root, path));
  send(res, 200, types[extname(path)] ?? 'application/octet-stream', body, { 'Cache-Control': cache });
}

async function readJson(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}

async function answerApi(api, req, res) {
  const { pathname: path, searchParams: query } = new URL(req.url, 'http://x');
  const out = api({ method: req.method, path, query, headers: req.headers, body: await readJson(req) });
  const type = out.status >= 400 ? 'application/problem+json' : 'application/json';
  // `text`: a body that is not JSON, e.g. the monitor's CSV (its Content-Type comes in out.headers).
  const body = out.text ?? (out.body === undefined ? '' : JSON.stringify(out.body));
  send(res, out.status, type, body, { 'Cache-Control': 'no-store', ...out.headers });
}

async function handle(root, api, req, res) {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (path === '/healthz') return send(res, 200, 'application/json', '{"status":"ok"}');
  if (path.startsWith('/api/')) return answerApi(api, req, res);
  try {
    return await serveFile(root, path === '/' ? '/index.html' : path, res);
  } catch {
    // Paths that look like files are real 404s; the rest are app routes.
    if (extname(path)) return send(res, 404, 'text/plain', 'not found');
    return serveFile(root, '/index.html', res);
  }
}

/** Starts the server on a free port of 127.0.0.1; resolves to { url, close }. */
export function startServer(root) {
  const api = createFakeApi();
  const server = createServer((req, res) => {
    handle(root, api, req, res).catch(() => send(res, 500, 'text/plain', 'error'));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
