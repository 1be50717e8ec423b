// End to end: the real renderer in Chromium against the browser-mode server with the real
// services, on the real data sets beside the repo (../shared/data).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer } from '../../src-main/web/server';
import { CHROMIUM_ARGS, collectPageErrors } from './chromium';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const dataDir = resolve(here, '../../../shared/data');
const rendererDir = join(repoRoot, 'out/renderer');
const emImages = join(dataDir, 'isbi2012-em/images');
const nucleusLabels = join(dataDir, 'dsb2018-nuclei/labels');

// Passed as a string: vitest rewrites functions in test files, which would break in the page.
const READ_CANVAS = `(() => {
  const canvas = document.querySelector('[data-testid="image-view"] canvas');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let covered = 0, bright = 0, dark = 0, sum = 0;
  const levels = new Set();
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 0) continue; // outside the image
    const v = data[i];
    covered++; sum += v; levels.add(v);
    if (v > 100) bright++;
    if (v <= 10) dark++;
  }
  return { covered, bright, dark, mean: covered ? sum / covered : 0, levels: levels.size };
})()`;

interface CanvasStats {
  covered: number;
  bright: number;
  dark: number;
  mean: number;
  levels: number;
}

let server: Awaited<ReturnType<typeof startBrowserServer>>;
let browser: Browser;
let page: Page;
let projectDir: string;
const pageErrors: string[] = [];
const cleanups: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
  projectDir = mkdtempSync(join(tmpdir(), 'unet-studio-e2e-'));
  server = await startBrowserServer({ rendererDir, port: 0 });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  collectPageErrors(page, pageErrors);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of [projectDir, ...cleanups])
    if (dir) rmSync(dir, { recursive: true, force: true });
});

async function addFolder(folder: string): Promise<void> {
  await page.getByTestId('add-folder-path').fill(folder);
  await page.getByTestId('add-folder-submit').click();
}

async function openImage(name: string): Promise<void> {
  const item = page.getByTestId('thumbnail').filter({ hasText: name }).first();
  const imageId = await item.getAttribute('data-image-id');
  await item.click();
  await expect.poll(() => item.getAttribute('aria-selected')).toBe('true');
  await page.waitForSelector(`[data-testid="image-view"][data-image-id="${imageId}"]`);
}

function readCanvas(): Promise<CanvasStats> {
  return page.evaluate<CanvasStats>(READ_CANVAS);
}

describe('browser mode workflow', () => {
  it('refuses the page without its token', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect([401, 403]).toContain(response.status);
    expect(await response.text()).not.toContain('<div id="app">');
  });

  it('creates a project and adds a folder of 20 EM images', async () => {
    await page.goto(server.url);
    await page.getByTestId('create-dir').fill(projectDir);
    await page.getByTestId('create-name').fill('EM test');
    await page.getByTestId('create-submit').click();
    await expect.poll(() => page.getByTestId('project-name').textContent()).toContain('EM test');

    await addFolder(emImages);
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-summary-text').textContent()).toBe('20 images added');
    await expect.poll(() => page.getByTestId('thumbnail').count()).toBe(20);
    const first = page.getByTestId('thumbnail').first();
    expect(await first.textContent()).toContain('512 × 512 · 8-bit gray');
  });

  it('opens an image and draws its pixels', async () => {
    await openImage('0.png');
    const stats = await readCanvas();
    expect(stats.covered).toBeGreaterThan(100_000);
    // EM sections have membranes (dark) and cytoplasm (mid gray): many levels, mid mean.
    expect(stats.levels).toBeGreaterThan(100);
    expect(stats.mean).toBeGreaterThan(60);
    expect(stats.mean).toBeLessThan(200);
    const view = page.getByTestId('image-view');
    expect(Number(await view.getAttribute('data-display-high'))).toBeGreaterThan(
      Number(await view.getAttribute('data-display-low')),
    );
  });

  it('zooms in with the mouse wheel around the cursor', async () => {
    const view = page.getByTestId('image-view');
    const before = Number(await view.getAttribute('data-zoom'));
    const box = await view.boundingBox();
    if (!box) throw new Error('The image view has no size.');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await expect
      .poll(async () => Number(await view.getAttribute('data-zoom')))
      .toBeGreaterThan(before * 1.3);
    expect(await page.getByTestId('pixel-readout').textContent()).toMatch(
      /x \d+, y \d+ · value \d+/,
    );

    await page.getByTestId('zoom-actual').click();
    await expect.poll(async () => Number(await view.getAttribute('data-zoom'))).toBe(1);
  });

  it('shows 16-bit nucleus labels with visible contrast', async () => {
    await addFolder(nucleusLabels);
    await expect
      .poll(() => page.getByTestId('import-summary-text').textContent())
      .toBe('47 images added');
    await expect.poll(() => page.getByTestId('thumbnail').count()).toBe(67);

    // 313 nuclei with ids 1..313 on background 0; about 30% of the pixels are nuclei.
    await openImage('07fb37aa');
    expect(await page.getByTestId('image-details').textContent()).toContain('16-bit gray');
    const stats = await readCanvas();
    expect(stats.covered).toBeGreaterThan(100_000);
    // A naive 16 -> 8 bit shift would leave everything at 0 or 1.
    expect(stats.bright / stats.covered).toBeGreaterThan(0.05);
    // Background (label 0, about 70% of the image) stays black.
    expect(stats.dark / stats.covered).toBeGreaterThan(0.4);
  });

  it('says in plain words that a folder does not exist', async () => {
    const missing = join(projectDir, 'no-such-folder');
    await addFolder(missing);
    const banner = page.getByTestId('error-banner').last();
    await banner.waitFor();
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain(missing);
    expect(text).toMatch(/does not exist|cannot be opened|not found/i);
    expect(text).not.toMatch(/ENOENT|Error:|\n\s+at /);
    await banner.getByTestId('error-dismiss').click();
    await expect.poll(() => page.getByTestId('error-banner').count()).toBe(0);
  });

  it('marks images whose files went missing when the project is opened again', async () => {
    const folder = `${projectDir}-images`;
    mkdirSync(folder);
    cleanups.push(folder);
    // Nucleus photos (RGBA PNG): content the project does not hold yet.
    const photos = join(dataDir, 'dsb2018-nuclei/images');
    const [first, second] = readdirSync(photos).sort();
    copyFileSync(join(photos, first as string), join(folder, 'kept.png'));
    copyFileSync(join(photos, second as string), join(folder, 'moved.png'));
    await addFolder(folder);
    await expect
      .poll(() => page.getByTestId('import-summary-text').textContent())
      .toBe('2 images added');
    await page.getByTestId('close-project').click();
    rmSync(join(folder, 'moved.png'));
    await page.getByTestId('open-dir').fill(projectDir);
    await page.getByTestId('open-submit').click();
    const missing = page.locator('[data-testid="thumbnail"][data-status="missing"]');
    await expect.poll(() => missing.count()).toBe(1);
    expect(await missing.textContent()).toContain('moved.png');
    expect(await missing.textContent()).toContain('File missing');
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('browser mode when the studio goes away', () => {
  it('says plainly that the connection was lost and calls fail instead of hanging', async () => {
    const lonely = await startBrowserServer({ rendererDir, port: 0 });
    const tab = await browser.newPage();
    try {
      await tab.goto(lonely.url);
      await tab.getByTestId('create-dir').waitFor();
      await lonely.close();
      const lost = tab.getByTestId('connection-lost');
      await lost.waitFor();
      expect(await lost.textContent()).toContain('The connection to the studio was lost');
      await tab.getByTestId('create-dir').fill(projectDir);
      await tab.getByTestId('create-submit').click();
      // The call resolves (the button is enabled again) and the one banner says what happened.
      await expect.poll(() => tab.getByTestId('create-submit').isEnabled()).toBe(true);
      expect(await tab.getByTestId('error-banner').count()).toBe(0);
      expect(await tab.getByTestId('project-name').count()).toBe(0);
    } finally {
      await tab.close();
    }
  });
});
