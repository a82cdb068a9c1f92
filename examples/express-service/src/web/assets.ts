/**
 * The pages' static files, read once from `./assets/` next to this module and served with a
 * content hash as ETag (no CDN, no build step).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express from 'express';

const FILES: Readonly<Record<string, string>> = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'pow-worker.js': 'text/javascript; charset=utf-8',
};

/** Serves `/app.css`, `/app.js` and `/pow-worker.js`. */
export function assetRouter(): express.Router {
  const r = express.Router();
  for (const [name, type] of Object.entries(FILES)) {
    const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    r.get(`/${name}`, (req, res) => {
      res.set({ 'Content-Type': type, ETag: etag, 'Cache-Control': 'public, max-age=300' });
      if (req.get('if-none-match') === etag) {
        res.status(304).end();
        return;
      }
      res.send(body);
    });
  }
  return r;
}
