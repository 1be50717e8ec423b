// `npm run bench -- --ui`: the window's speed, measured in Debian's Chromium against browser mode
// with the real services (a benchmark, never a timed test):
// - painting on a 4096 x 4096 16-bit image: the interval between animation frames while brush
//   strokes are drawn at 1:1 and at fit (median, p95, max), and how long the labels take to save;
// - the time from pressing Train in the demo project to the first live preview on screen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { writeTiffFile } from '../imaging/tiff-write';
import { startBrowserServer } from '../web/server';

const rendererDir = resolve(import.meta.dirname, '../../out/renderer');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
];
const SIDE = 4096;

/** A 16-bit image with structure (gradients and rings), so display mapping does real work. */
async function writeLargeImage(path: string): Promise<void> {
  const data = new Uint16Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const ring = Math.sin(Math.hypot(x - SIDE / 2, y - SIDE / 2) / 40);
      data[y * SIDE + x] = Math.round(20000 + 15000 * ring + 4 * x);
    }
  }
  await writeTiffFile(path, { width: SIDE, height: SIDE, data }, { compression: 'deflate' });
}

// Records the interval between animation frames until stopped (a string: it runs in the page).
const START_FRAME_CLOCK = `(() => {
  window.__frames = [];
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (window.__frameClockOn) requestAnimationFrame(tick);
  };
  window.__frameClockOn = true;
  requestAnimationFrame(tick);
})()`;
const STOP_FRAME_CLOCK = `(() => { window.__frameClockOn = false; return window.__frames; })()`;

interface FrameStats {
  frames: number;
  median: number;
  p95: number;
  max: number;
}

function frameStats(intervals: number[]): FrameStats {
  const sorted = intervals.slice(1).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { frames: sorted.length, median: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

async function attr(page: Page, testid: string, name: string): Promise<string> {
  return (await page.getByTestId(testid).getAttribute(name)) ?? '';
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('Timed out waiting for the window.');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Paints strokes across the visible image and returns frame statistics and the save time. */
async function paintStrokes(page: Page): Promise<FrameStats & { saveMs: number }> {
  const box = (await page.getByTestId('image-view').boundingBox())!;
  await page.evaluate(START_FRAME_CLOCK);
  for (let stroke = 0; stroke < 6; stroke++) {
    const y = box.y + box.height * (0.2 + stroke * 0.12);
    await page.mouse.move(box.x + box.width * 0.15, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.85, y + 40, { steps: 60 });
    await page.mouse.up();
  }
  const intervals = (await page.evaluate(STOP_FRAME_CLOCK)) as number[];
  const saveStart = Date.now();
  await waitFor(
    async () => (await attr(page, 'image-view', 'data-save-state')) === 'saved',
    60_000,
  );
  return { ...frameStats(intervals), saveMs: Date.now() - saveStart };
}

async function measurePainting(page: Page, work: string): Promise<void> {
  const imageDir = join(work, 'large');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(imageDir);
  await writeLargeImage(join(imageDir, 'large-16bit.tif'));
  await page.getByTestId('create-dir').fill(join(work, 'paint-project'));
  await page.getByTestId('create-submit').click();
  await page.getByTestId('add-folder-path').fill(imageDir);
  await page.getByTestId('add-folder-submit').click();
  await page.getByTestId('thumbnail').first().waitFor({ timeout: 120_000 });
  const opened = Date.now();
  await page.getByTestId('thumbnail').first().click();
  await waitFor(
    async () => (await attr(page, 'image-view', 'data-labels-image-id')) !== '',
    120_000,
  );
  console.log(`open 4096 x 4096 16-bit image: ${Date.now() - opened} ms to pixels and labels`);
  await page.keyboard.press('2');
  for (const [label, button] of [
    ['fit', 'zoom-fit'],
    ['1:1', 'zoom-actual'],
  ] as const) {
    await page.getByTestId(button).click();
    const stats = await paintStrokes(page);
    console.log(
      `paint at ${label}: ${stats.frames} frames, frame interval median ${stats.median.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms, max ${stats.max.toFixed(1)} ms; labels saved ${stats.saveMs} ms after the last stroke`,
    );
  }
  await page.getByTestId('close-project').click();
}

async function measureFirstPreview(page: Page, work: string): Promise<void> {
  await page.getByTestId('demo-dir').fill(join(work, 'demo-project'));
  await page.getByTestId('demo-submit').click();
  await page.getByTestId('thumbnail').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('thumbnail').first().click();
  await waitFor(
    async () => (await attr(page, 'image-view', 'data-labels-image-id')) !== '',
    60_000,
  );
  await page.getByTestId('panel-tab-train').click();
  const pressed = Date.now();
  await page.getByTestId('train-start').click();
  await waitFor(
    async () => Number(await attr(page, 'train-panel', 'data-preview-step')) > 0,
    600_000,
  );
  const firstPreview = Date.now() - pressed;
  const backend = await attr(page, 'train-backend-info', 'data-backend');
  console.log(
    `demo project, cpu preset (${backend}): first live preview ${(firstPreview / 1000).toFixed(1)} s after pressing Train`,
  );
  await page.getByTestId('train-stop').click();
  await waitFor(
    async () => (await attr(page, 'train-panel', 'data-run-state')) !== 'stopping',
    120_000,
  );
}

export async function runUiBench(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'unet-studio-ui-bench-'));
  const server = await startBrowserServer({ rendererDir, port: 0 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await measurePainting(page, work);
    await measureFirstPreview(page, work);
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}
