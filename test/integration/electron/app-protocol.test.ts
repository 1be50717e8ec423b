import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appProtocolResponse } from '../../../src-main/electron/app-protocol';
import {
  RENDERER_CSP_DIRECTIVES,
  RENDERER_CSP_HEADER,
} from '../../../src-main/web/content-security-policy';

let work: string;
let renderer: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'studio-app-protocol-'));
  renderer = join(work, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>studio</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(work, 'secret.txt'), 'do not serve');
  symlinkSync(join(work, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const fetchApp = (url: string, method = 'GET') =>
  appProtocolResponse(renderer, new Request(url, { method }));

describe('the app:// protocol', () => {
  it('serves the renderer with its type and the strict policy', async () => {
    const page = await fetchApp(APP_INDEX_URL);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>studio</title>');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER);
    const script = await fetchApp('app://studio/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('is read-only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await fetchApp(APP_INDEX_URL, method);
      expect(response.status).toBe(405);
    }
    const head = await fetchApp(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never leaves the renderer folder', async () => {
    for (const url of [
      'app://studio/../secret.txt',
      'app://studio/%2e%2e/secret.txt',
      'app://studio/assets%2f..%2f..%2fsecret.txt',
      'app://studio/assets%5c..%5c..%5csecret.txt',
      'app://studio/assets/link.txt',
      `app://studio/${encodeURIComponent(join(work, 'secret.txt'))}`,
      'app://other-host/index.html',
    ]) {
      const response = await fetchApp(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('do not serve');
    }
  });

  it('answers a missing file with 404, not an error', async () => {
    expect((await fetchApp('app://studio/assets/missing.js')).status).toBe(404);
    expect((await fetchApp('app://studio/assets')).status).toBe(404);
  });
});

describe('the renderer Content Security Policy', () => {
  const metaPolicy = (html: string) =>
    /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];

  it('is the same in index.html as in the headers (less framing, which a <meta> cannot set)', () => {
    const html = readFileSync(
      resolve(import.meta.dirname, '../../../src-renderer/index.html'),
      'utf8',
    );
    expect(metaPolicy(html)).toBe(RENDERER_CSP_DIRECTIVES.join('; '));
    expect(RENDERER_CSP_HEADER).toBe(
      `${RENDERER_CSP_DIRECTIVES.join('; ')}; frame-ancestors 'none'`,
    );
  });

  it('allows no inline script or style and no remote connection', () => {
    const policy = RENDERER_CSP_HEADER;
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:|wss?:/);
  });
});
