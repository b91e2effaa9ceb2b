import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startLocalServer } from './local-http-server';

const TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

/** A local HTTP server serving the files of a directory, with ETags, an optional delay per response, and a request log. */
export async function serveDirectory(dir: string, options: { delayMs?: (file: string) => number } = {}) {
  const requests: string[] = [];
  const server = await startLocalServer(async (req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    requests.push(name);
    const file = path.join(dir, path.normalize(name));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      const delay = options.delayMs?.(name) ?? 0;
      if (delay) await new Promise((r) => setTimeout(r, delay));
      if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', etag });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return { url: server.origin, requests, close: server.close };
}
