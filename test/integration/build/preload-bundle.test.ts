import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const preload = resolve(root, 'out/preload/index.cjs');

beforeAll(() => {
  // `npm test` builds first; a bare vitest run builds here.
  if (!existsSync(preload)) {
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
}, 120_000);

describe('the sandboxed preload bundle', () => {
  it('requires nothing but electron (a sandboxed preload cannot load packages)', () => {
    const source = readFileSync(preload, 'utf8');
    const required = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes the API as window.studio through contextBridge, never ipcRenderer itself', () => {
    const source = readFileSync(preload, 'utf8');
    expect(source).toMatch(/exposeInMainWorld\(\s*["']studio["']/);
    expect(source).not.toMatch(/exposeInMainWorld\(\s*["']ipcRenderer["']/);
  });
});

describe('the main bundle', () => {
  const mainDir = resolve(root, 'out/main');

  it('holds the compute entry that Electron forks as a utilityProcess', () => {
    const source = readFileSync(resolve(mainDir, 'compute.js'), 'utf8');
    expect(source).toContain('serveJobs');
  });

  it('ships the wasm thread worker beside the module that starts it', () => {
    const compute = readFileSync(resolve(mainDir, 'compute.js'), 'utf8');
    expect(compute).toContain('new URL("./wasm-pthread-worker.mjs", import.meta.url)');
    const worker = readFileSync(resolve(mainDir, 'wasm-pthread-worker.mjs'), 'utf8');
    const original = readFileSync(
      resolve(root, 'src-main/engine/backend/wasm-pthread-worker.mjs'),
      'utf8',
    );
    expect(worker).toBe(original);
  });
});
