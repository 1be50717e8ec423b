import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserModeServer } from '../../../src-main/web/server';
import { connect } from '../../support/socket-client';
import { ISBI_IMAGES } from '../../support/paths';

let server: BrowserModeServer;
let work: string;

/** A raw GET, so paths like `/%2e%2e/` reach the server unnormalised. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    body: string;
    cookie?: string;
    headers: IncomingHttpHeaders;
  }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          cookie: res.headers['set-cookie']?.[0],
          headers: res.headers,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'studio-web-'));
  const renderer = join(work, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>studio</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(work, 'secret.txt'), 'do not serve');
  symlinkSync(join(work, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  server = await startBrowserServer({ rendererDir: renderer });
});

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

describe('browser mode HTTP', () => {
  it('binds loopback and prints a URL holding a random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(server.url).toContain(server.token);
  });

  it('refuses the page without the token, or with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/assets/app.js')).status).toBe(401);
  });

  it('serves the page with the token and its assets with the cookie it sets', async () => {
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>studio</title>');
    const cookie = page.cookie!.split(';')[0]!;
    expect(page.cookie).toMatch(/HttpOnly/);
    expect((await get('/assets/app.js', { Cookie: cookie })).status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    const res = await get(`/%2e%2e/secret.txt?token=${server.token}`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('do not serve');
    // Nor through a symbolic link that lives inside it.
    const linked = await get(`/assets/link.txt?token=${server.token}`);
    expect(linked.status).toBe(404);
    expect(linked.body).not.toContain('do not serve');
  });

  it('sends the strict Content Security Policy, which also forbids framing', async () => {
    const page = await get(`/?token=${server.token}`);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('browser mode socket', () => {
  it('refuses a connection without the token, or from another origin', async () => {
    await expect(connect(server.port, undefined)).rejects.toThrow(/401/);
    await expect(connect(server.port, 'wrong')).rejects.toThrow(/401/);
    await expect(connect(server.port, server.token, 'http://evil.example')).rejects.toThrow(/401/);
  });

  it('serves the contract: validation, errors as values, import with progress, pixels as bytes', async () => {
    const client = await connect(server.port, server.token);
    try {
      const info = await client.invoke('app:info', {});
      expect(info).toMatchObject({ ok: true, value: { mode: 'browser', canPickFolders: false } });

      const bad = await client.invokeRaw('project:open', { dir: 5 });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      const none = await client.invoke('images:list', {});
      expect(none).toMatchObject({ ok: false, error: { code: 'no-project' } });

      const created = await client.invoke('project:create', { dir: join(work, 'project') });
      expect(created.ok).toBe(true);
      const report = await client.invoke('images:add-folder', { folder: ISBI_IMAGES });
      if (!report.ok) throw new Error(report.error.message);
      expect(report.value.added).toHaveLength(20);
      expect(report.value.added.slice(0, 3).map((image) => image.name)).toEqual([
        '0.png',
        '1.png',
        '2.png',
      ]);
      const progress = client.events.filter((e) => e.event === 'images:import-progress');
      expect(progress).toHaveLength(20);
      expect(progress.at(-1)?.payload).toMatchObject({ done: 20, total: 20 });

      const first = report.value.added[0]!;
      const pixels = await client.invoke('images:pixels', { imageId: first.id });
      if (!pixels.ok) throw new Error(pixels.error.message);
      expect(pixels.value.dtype).toBe('uint8');
      expect(pixels.value.data).toBeInstanceOf(Uint8Array);
      expect(pixels.value.data.byteLength).toBe(512 * 512);
      const thumbnail = await client.invoke('images:thumbnail', { imageId: first.id });
      if (!thumbnail.ok) throw new Error(thumbnail.error.message);
      expect(thumbnail.value.rgba.byteLength).toBe(
        thumbnail.value.width * thumbnail.value.height * 4,
      );
    } finally {
      client.close();
    }
  });
});
