// `npm start`'s server (scripts/serve.mjs, sirv on loopback) against hostile paths: `GET /%`
// and the like answer 404 without taking the server down, and no spelling of `..` reaches a
// sibling folder whose name starts with the build folder's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Port 0: the system picks a free one, so parallel checkouts never collide; the server names it.
let port = 0;
let dir = '';
let server: ChildProcess | null = null;

/** A raw GET: the path goes on the wire exactly as written (fetch would normalise it). */
function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gw-serve-'));
  mkdirSync(join(dir, 'build', 'engine'), { recursive: true });
  writeFileSync(join(dir, 'build', 'index.html'), '<!doctype html><title>workbench</title>');
  writeFileSync(join(dir, 'build', 'engine', 'a.js'), 'self.a=1;');
  mkdirSync(join(dir, 'build-x'));
  writeFileSync(join(dir, 'build-x', 'secret.txt'), 'SECRET');
  writeFileSync(join(dir, 'secret.txt'), 'SECRET');
  server = spawn(process.execPath, [resolve('scripts/serve.mjs')], { env: { ...process.env, PORT: '0', BUILD_DIR: join(dir, 'build') }, stdio: 'pipe' });
  await new Promise<void>((ready, fail) => {
    server!.stdout!.on('data', (d: Buffer) => {
      const bound = /127\.0\.0\.1:(\d+)/.exec(d.toString());
      if (bound) {
        port = Number(bound[1]);
        ready();
      }
    });
    server!.on('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
});

afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start serves build/ and nothing else', () => {
  it('serves the page and its scripts', async () => {
    expect(await get('/')).toMatchObject({ status: 200, body: expect.stringContaining('workbench') });
    expect(await get('/index.html')).toMatchObject({ status: 200 });
    expect(await get('/engine/a.js')).toMatchObject({ status: 200, body: 'self.a=1;' });
  });
  it.each(['/%', '/%E0%A4%A', '/%%', '/index.html%'])('GET %s is a 404 and the server lives on', async (path) => {
    const answer = await get(path);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect((await get('/')).status).toBe(200);
  });
  it.each(['/..%2fbuild-x/secret.txt', '/../build-x/secret.txt', '/%2e%2e/build-x/secret.txt', '/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/../secret.txt', '/%2e%2e%2fsecret.txt'])(
    'GET %s does not leave build/',
    async (path) => {
      const answer = await get(path);
      expect(answer.body).not.toContain('SECRET');
      expect(answer.status).not.toBe(200);
    },
  );
});
