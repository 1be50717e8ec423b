// The studio's whole workflow in its window, end to end: the real renderer in Chromium against
// browser mode with the real services and compute process, on the ISBI EM slices beside the
// repo. Paint, undo/redo, weight map, train (loss chart and live preview), stop, predict,
// accept, batch-segment the folder. With STUDIO_SCREENSHOTS=1 the screenshots of the main
// screens are written to test/e2e/screenshots (the README shows them); otherwise to a temp dir.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../src-main/imaging';
import { startBrowserServer } from '../../src-main/web/server';
import { ISBI_IMAGES } from '../support/paths';
import { connect, type SocketClient } from '../support/socket-client';
import { CHROMIUM_ARGS, collectPageErrors, createProjectAndOpen } from './chromium';

const repoRoot = resolve(import.meta.dirname, '../..');
const rendererDir = join(repoRoot, 'out/renderer');
const screenshotDir = process.env.STUDIO_SCREENSHOTS
  ? join(repoRoot, 'test/e2e/screenshots')
  : mkdtempSync(join(tmpdir(), 'unet-studio-shots-'));
const FOREGROUND = 2;
const BACKGROUND = 1;

let server: Awaited<ReturnType<typeof startBrowserServer>>;
let browser: Browser;
let page: Page;
let client: SocketClient;
let projectDir: string;
let outputDir: string;
let imageId: number;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
  projectDir = mkdtempSync(join(tmpdir(), 'unet-studio-flow-'));
  outputDir = mkdtempSync(join(tmpdir(), 'unet-studio-masks-'));
  mkdirSync(screenshotDir, { recursive: true });
  server = await startBrowserServer({ rendererDir, port: 0 });
  client = await connect(server.port, server.token);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  collectPageErrors(page, pageErrors);
}, 180_000);

afterAll(async () => {
  client?.close();
  await browser?.close();
  await server?.close();
  for (const dir of [projectDir, outputDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const view = () => page.getByTestId('image-view');
const attr = async (testid: string, name: string) =>
  (await page.getByTestId(testid).getAttribute(name)) ?? '';
const numberAttr = async (testid: string, name: string) => Number(await attr(testid, name));

/** Counts of each label value on the server (what training will see). */
async function serverLabelCounts(): Promise<Map<number, number>> {
  const result = await client.invoke('labels:read', { imageId, page: 0 });
  if (!result.ok) throw new Error(result.error.message);
  const counts = new Map<number, number>();
  for (const value of result.value.data) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Client coordinates of an image pixel, from the stage's zoom and pan. */
async function screenPoint(x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await view().boundingBox();
  if (!box) throw new Error('The image view has no size.');
  const scale = await numberAttr('image-view', 'data-zoom');
  return {
    x: box.x + (await numberAttr('image-view', 'data-view-x')) + x * scale,
    y: box.y + (await numberAttr('image-view', 'data-view-y')) + y * scale,
  };
}

async function strokeAcross(from: [number, number], to: [number, number]): Promise<void> {
  const start = await screenPoint(...from);
  const end = await screenPoint(...to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
  await expect.poll(() => attr('image-view', 'data-save-state'), { timeout: 15_000 }).toBe('saved');
}

async function selectNewestModel(testid: string): Promise<void> {
  const options = page.getByTestId(testid).locator('option');
  const value = await options.last().getAttribute('value');
  if (value !== null) await page.getByTestId(testid).selectOption(value);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

describe('paint, train, review, export', () => {
  it('opens an EM slice of a new project', async () => {
    await page.goto(server.url);
    await shot('start-screen');
    imageId = await createProjectAndOpen(page, {
      dir: projectDir,
      name: 'EM workflow',
      folder: ISBI_IMAGES,
      images: 20,
      open: '0.png',
    });
    await expect.poll(() => attr('image-view', 'data-labels-image-id')).toBe(String(imageId));
  });

  it('paints foreground and background strokes that reach the project', async () => {
    await page.keyboard.press(String(FOREGROUND));
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    expect(await attr('image-view', 'data-active-class')).toBe(String(FOREGROUND));
    await strokeAcross([100, 100], [220, 140]);
    await page.keyboard.press(String(BACKGROUND));
    await strokeAcross([300, 300], [420, 320]);
    const counts = await serverLabelCounts();
    expect(counts.get(FOREGROUND) ?? 0).toBeGreaterThan(200);
    expect(counts.get(BACKGROUND) ?? 0).toBeGreaterThan(200);
    expect(await numberAttr('image-view', 'data-undo-depth')).toBe(2);
    await shot('annotation');
  });

  it('undoes the background stroke and redoes it, saving both', async () => {
    const before = await serverLabelCounts();
    await page.keyboard.press('Control+z');
    await expect.poll(() => attr('image-view', 'data-save-state')).toBe('saved');
    await expect.poll(async () => (await serverLabelCounts()).get(BACKGROUND) ?? 0).toBe(0);
    expect((await serverLabelCounts()).get(FOREGROUND)).toBe(before.get(FOREGROUND));
    expect(await numberAttr('image-view', 'data-redo-depth')).toBe(1);

    await page.keyboard.press('Control+Shift+z');
    await expect
      .poll(async () => (await serverLabelCounts()).get(BACKGROUND) ?? 0)
      .toBe(before.get(BACKGROUND));
    expect(await numberAttr('image-view', 'data-redo-depth')).toBe(0);
  });

  it('shows the weight map and redraws it when a stroke is added', async () => {
    await page.getByTestId('panel-tab-weights').click();
    await page.getByTestId('weights-show').check();
    await expect
      .poll(() => numberAttr('weights-panel', 'data-weights-revision'))
      .toBeGreaterThan(0);
    const revision = await numberAttr('weights-panel', 'data-weights-revision');
    const weights = async () => {
      const map = await client.invoke('weights:compute', { imageId, page: 0 });
      if (!map.ok) throw new Error(map.error.message);
      return map.value.labelledPixels;
    };
    const labelledBefore = await weights();
    await page.keyboard.press(String(FOREGROUND));
    await strokeAcross([150, 400], [260, 430]);
    await expect
      .poll(() => numberAttr('weights-panel', 'data-weights-revision'), { timeout: 15_000 })
      .toBeGreaterThan(revision);
    expect(await weights()).toBeGreaterThan(labelledBefore);
    await shot('weight-map');
    await page.getByTestId('weights-show').uncheck();
  });

  it('trains, updating the loss chart and the live preview, and stops', async () => {
    await page.getByTestId('panel-tab-train').click();
    await page.getByTestId('train-filters').fill('4');
    await page.getByTestId('train-steps').fill('400');
    await page.getByTestId('train-start').click();
    const panel = 'train-panel';
    await expect.poll(() => attr(panel, 'data-run-state'), { timeout: 30_000 }).toBe('running');
    await expect
      .poll(() => numberAttr(panel, 'data-preview-step'), { timeout: 240_000, interval: 500 })
      .toBeGreaterThan(0);
    await expect.poll(() => numberAttr(panel, 'data-chart-points')).toBeGreaterThan(1);
    expect(await page.getByTestId('train-backend-info').getAttribute('data-backend')).toMatch(
      /wasm|tensorflow/,
    );
    await page.getByTestId('train-loss-chart').scrollIntoViewIfNeeded();
    await shot('training');
    await page.getByTestId('train-stop').click();
    await expect.poll(() => attr(panel, 'data-run-state'), { timeout: 120_000 }).toBe('finished');
    expect(await attr('train-finished', 'data-status')).toBe('cancelled');
    expect(await numberAttr(panel, 'data-step')).toBeLessThan(400);
  }, 400_000);

  it('predicts the slice with the stopped run and accepts it as labels', async () => {
    await page.getByTestId('panel-tab-predict').click();
    await page.getByTestId('predict-models-refresh').click();
    await expect.poll(() => page.getByTestId('predict-model').isEnabled()).toBe(true);
    await selectNewestModel('predict-model');
    await page.getByTestId('predict-run').click();
    await expect
      .poll(() => attr('predict-panel', 'data-predict-state'), { timeout: 120_000 })
      .toBe('shown');
    await page.getByTestId('predict-show-tiles').check();
    await shot('prediction-review');
    await page.getByTestId('predict-accept').click();
    await expect
      .poll(() => attr('predict-panel', 'data-predict-state'), { timeout: 30_000 })
      .toBe('accepted');
    // The accepted prediction labels every pixel, with classes the project has.
    const counts = await serverLabelCounts();
    expect(counts.get(0) ?? 0).toBe(0);
    expect([...counts.keys()].every((value) => value === BACKGROUND || value === FOREGROUND)).toBe(
      true,
    );
    // Accepting is one undoable change.
    await expect.poll(() => numberAttr('image-view', 'data-undo-depth')).toBeGreaterThan(0);
  }, 200_000);

  it('batch-segments the folder into TIFF masks of each image size', async () => {
    await page.getByTestId('panel-tab-batch').click();
    await selectNewestModel('batch-model');
    await page.getByTestId('batch-input').fill(ISBI_IMAGES);
    await page.getByTestId('batch-output').fill(outputDir);
    await page.getByTestId('batch-start').click();
    await expect
      .poll(() => attr('batch-panel', 'data-batch-state'), { timeout: 300_000, interval: 1000 })
      .toBe('completed');
    expect(await numberAttr('batch-panel', 'data-batch-done')).toBe(20);
    expect(await numberAttr('batch-panel', 'data-batch-failed')).toBe(0);
    await shot('batch-export');
    const inputs = readdirSync(ISBI_IMAGES).filter((name) => name.endsWith('.png'));
    for (const name of inputs) {
      const mask = join(outputDir, name.replace(/\.png$/, '.tif'));
      expect(existsSync(mask), mask).toBe(true);
      const decoded = decodeImage(new Uint8Array(readFileSync(mask)), mask);
      const image = decodeImage(new Uint8Array(readFileSync(join(ISBI_IMAGES, name))), name);
      expect([decoded.width, decoded.height]).toEqual([image.width, image.height]);
    }
  }, 400_000);

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
