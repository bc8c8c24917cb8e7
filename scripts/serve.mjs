#!/usr/bin/env node
// Serves build/ over http on loopback: the second way a user meets the workbench (npm start), and
// the server the browser tests use. The file serving is sirv's (maintained, used by SvelteKit
// itself): path decoding, normalisation and the root boundary are its job, not ours. This file
// only binds it to loopback and answers what sirv passes on with 404.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import sirv from 'sirv';

const root = resolve(process.env.BUILD_DIR ?? 'build');
const port = Number(process.env.PORT ?? 4173);
// Loopback only, whatever HOST says: the workbench holds citizens' data and serves no one else.
const host = '127.0.0.1';

// dev: read from disk on every request (no cache of a stale build); dotfiles never served.
const serve = sirv(root, { dev: true, dotfiles: false, etag: false, extensions: ['html'] });

const server = createServer((req, res) => {
  serve(req, res, () => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  });
});

// PORT=0 lets the system choose a free port (the unit test does); the line names the real one.
server.listen(port, host, () => {
  console.log(`Workbench on http://${host}:${server.address().port}/  (or open build/index.html directly)`);
});
