// A page too large to send or draw whole, end to end: the real renderer in Chromium against
// browser mode. A 6000 x 5000 16-bit TIFF (over LARGE_IMAGE_PIXELS, generated here) must be
// shown tile by tile from `images:region` without one `images:pixels` request, switch to a
// finer pyramid level when zoomed in, redraw through a new display window without fetching
// again, and take a brush stroke that reaches the project's labels. A tiny model's prediction of
// the page (trained and registered from this process, beside the server's session) is laid over
// it tile by tile, never as a page-sized canvas. A small image beside it keeps the whole-page
// path.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame } from '../../src-preload/contract';
import { writeTiffFile } from '../../src-main/imaging/tiff-write';
import { StudioSession } from '../../src-main/services/studio-session';
import { startBrowserServer } from '../../src-main/web/server';
import { addModel, trainTinyModel } from '../integration/services/workflow/models-fixture';
import { connect, type SocketClient } from '../support/socket-client';
import { CHROMIUM_ARGS, collectPageErrors, createProjectAndOpen } from './chromium';

const repoRoot = resolve(import.meta.dirname, '../..');
const rendererDir = join(repoRoot, 'out/renderer');
const WIDTH = 6000;
const HEIGHT = 5000;
const FOREGROUND = 2;

/** A left-to-right ramp with a 128-pixel checkerboard on it: every tile differs. */
function sampleAt(x: number, y: number): number {
  return 1000 + 10 * x + (((x >> 7) ^ (y >> 7)) & 1) * 3000;
}

let server: Awaited<ReturnType<typeof startBrowserServer>>;
let browser: Browser;
let page: Page;
let client: SocketClient;
let projectDir: string;
let imagesDir: string;
let largeId: number;
let modelWork: string;
/** Trains the tiny model while the page is opened and painted; registered in the project later. */
let helper: StudioSession;
let modelReady: Promise<string>;
const pageErrors: string[] = [];
/** Every contract call the page made: channel and request. */
const calls: { channel: string; request: Record<string, unknown> }[] = [];

beforeAll(async () => {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
  projectDir = mkdtempSync(join(tmpdir(), 'unet-studio-large-'));
  modelWork = mkdtempSync(join(tmpdir(), 'unet-studio-large-model-'));
  helper = new StudioSession();
  modelReady = trainTinyModel(helper, modelWork);
  // Awaited by the prediction test; a failure is reported there, not as an unhandled rejection.
  modelReady.catch(() => undefined);
  imagesDir = join(projectDir, 'images');
  mkdirSync(imagesDir);
  const large = new Uint16Array(WIDTH * HEIGHT);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) large[y * WIDTH + x] = sampleAt(x, y);
  }
  await writeTiffFile(join(imagesDir, 'large.tif'), { width: WIDTH, height: HEIGHT, data: large });
  const small = new Uint16Array(256 * 256).map((_, i) => (i % 256) * 200);
  await writeTiffFile(join(imagesDir, 'small.tif'), { width: 256, height: 256, data: small });

  server = await startBrowserServer({ rendererDir, port: 0 });
  client = await connect(server.port, server.token);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  collectPageErrors(page, pageErrors);
  // What the page asks the studio, read off the socket itself rather than from the app.
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') return;
      const message = decodeFrame(new Uint8Array(payload)) as {
        kind?: string;
        channel?: string;
        request?: Record<string, unknown>;
      };
      if (message.kind === 'invoke' && message.channel) {
        calls.push({ channel: message.channel, request: message.request ?? {} });
      }
    });
  });
}, 120_000);

afterAll(async () => {
  client?.close();
  await browser?.close();
  await server?.close();
  await helper?.dispose();
  if (modelWork) rmSync(modelWork, { recursive: true, force: true });
  if (projectDir) rmSync(projectDir, { recursive: true, force: true });
});

const view = () => page.getByTestId('image-view');
const attr = async (name: string) => (await view().getAttribute(name)) ?? '';
const numberAttr = async (name: string) => Number(await attr(name));
const callsFor = (channel: string, imageId: number) =>
  calls.filter((call) => call.channel === channel && call.request.imageId === imageId);

/** Client coordinates of an image pixel, from the stage's zoom and pan. */
async function screenPoint(x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await view().boundingBox();
  if (!box) throw new Error('The image view has no size.');
  const scale = await numberAttr('data-zoom');
  return {
    x: box.x + (await numberAttr('data-view-x')) + x * scale,
    y: box.y + (await numberAttr('data-view-y')) + y * scale,
  };
}

/** The image pixel at the centre of the view. */
async function viewCentre(): Promise<{ x: number; y: number }> {
  const box = await view().boundingBox();
  if (!box) throw new Error('The image view has no size.');
  const scale = await numberAttr('data-zoom');
  return {
    x: Math.round((box.width / 2 - (await numberAttr('data-view-x'))) / scale),
    y: Math.round((box.height / 2 - (await numberAttr('data-view-y'))) / scale),
  };
}

/** RGBA of one screen point (relative to the view) of one of the stage's layer canvases. */
function layerPixel(layer: number, x: number, y: number): Promise<number[]> {
  // Passed as a string: vitest rewrites functions in test files, which would break in the page.
  return page.evaluate<number[]>(`(() => {
    const canvas = document.querySelectorAll('[data-testid="image-view"] canvas')[${layer}];
    const ratio = canvas.width / canvas.clientWidth;
    const x = Math.round(${x} * ratio), y = Math.round(${y} * ratio);
    return Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data);
  })()`);
}

/** Mean brightness of the image layer over the whole view. */
function imageLayerMean(): Promise<number> {
  return page.evaluate<number>(`(() => {
    const canvas = document.querySelector('[data-testid="image-view"] canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0, count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      sum += data[i]; count++;
    }
    return count ? sum / count : 0;
  })()`);
}

async function allVisibleTilesDrawn(): Promise<void> {
  await expect
    .poll(async () => (await attr('data-tiles-drawn')) === (await attr('data-tiles-visible')), {
      timeout: 30_000,
    })
    .toBe(true);
  expect(await numberAttr('data-tiles-drawn')).toBeGreaterThan(0);
  expect(await numberAttr('data-tiles-failed')).toBe(0);
}

/** Waits until the margin ring around the view has arrived too: no request open or queued. */
async function tilesSettled(): Promise<void> {
  await expect.poll(() => attr('data-tiles-pending'), { timeout: 30_000 }).toBe('0');
}

describe('a large 16-bit page', () => {
  it('is shown tile by tile, never asked for whole', async () => {
    await page.goto(server.url);
    largeId = await createProjectAndOpen(page, {
      dir: projectDir,
      name: 'Large image',
      folder: imagesDir,
      images: 2,
      open: 'large.tif',
    });
    await expect.poll(() => attr('data-image-id'), { timeout: 30_000 }).toBe(String(largeId));
    expect(await attr('data-view-mode')).toBe('tiled');
    await allVisibleTilesDrawn();
    // Fitted, 6000 x 5000 shows at well under a quarter: a coarse level, not the page.
    expect(await numberAttr('data-level')).toBeGreaterThanOrEqual(2);
    expect(callsFor('images:pixels', largeId)).toEqual([]);
    expect(callsFor('images:region', largeId).length).toBeGreaterThan(0);
    // The tiles are really on the canvas: the ramp runs from dark on the left to bright.
    const box = await view().boundingBox();
    if (!box) throw new Error('The image view has no size.');
    const left = await screenPoint(300, 2500);
    const right = await screenPoint(5700, 2500);
    const dark = await layerPixel(0, left.x - box.x, left.y - box.y);
    const bright = await layerPixel(0, right.x - box.x, right.y - box.y);
    expect(dark[3]).toBe(255);
    expect(bright[3]).toBe(255);
    expect((bright[0] as number) - (dark[0] as number)).toBeGreaterThan(100);
  });

  it('switches to a finer level when zoomed in', async () => {
    const coarse = await numberAttr('data-level');
    await page.getByTestId('zoom-actual').click();
    await expect.poll(() => numberAttr('data-zoom')).toBe(1);
    await expect.poll(() => numberAttr('data-level')).toBe(0);
    expect(coarse).toBeGreaterThan(0);
    await allVisibleTilesDrawn();
    const levels = new Set(callsFor('images:region', largeId).map((call) => call.request.level));
    expect(levels.has(0)).toBe(true);
    expect(callsFor('images:pixels', largeId)).toEqual([]);
  });

  it('redraws through a new display window without fetching again', async () => {
    await tilesSettled();
    const before = callsFor('images:region', largeId).length;
    const meanBefore = await imageLayerMean();
    const high = await numberAttr('data-display-high');
    const low = await numberAttr('data-display-low');
    const field = page.getByTestId('display-high');
    await field.fill(String(Math.round(low + (high - low) / 4)));
    await field.dispatchEvent('change');
    await expect.poll(imageLayerMean).toBeGreaterThan(meanBefore + 20);
    expect(callsFor('images:region', largeId).length).toBe(before);
    await page.getByTestId('display-revert').click();
    await expect.poll(() => numberAttr('data-display-high')).toBe(high);
    expect(callsFor('images:region', largeId).length).toBe(before);
    // Number keys pick classes only while no field has the focus.
    await page.evaluate('document.activeElement?.blur()');
  });

  it('takes a brush stroke at 1:1 that reaches the project', async () => {
    await expect.poll(() => attr('data-labels-image-id')).toBe(String(largeId));
    await page.keyboard.press(String(FOREGROUND));
    expect(await attr('data-active-class')).toBe(String(FOREGROUND));
    const centre = await viewCentre();
    const from = { x: centre.x - 100, y: centre.y };
    const to = { x: centre.x + 100, y: centre.y + 20 };
    const start = await screenPoint(from.x, from.y);
    const end = await screenPoint(to.x, to.y);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(end.x, end.y, { steps: 12 });
    await page.mouse.up();
    await expect.poll(() => attr('data-save-state'), { timeout: 15_000 }).toBe('saved');
    expect(await numberAttr('data-undo-depth')).toBe(1);

    const labels = await client.invoke('labels:read', { imageId: largeId, page: 0 });
    if (!labels.ok) throw new Error(labels.error.message);
    expect([labels.value.width, labels.value.height]).toEqual([WIDTH, HEIGHT]);
    const at = (x: number, y: number) => labels.value.data[y * WIDTH + x];
    expect(at(from.x, from.y)).toBe(FOREGROUND);
    expect(at(centre.x, centre.y + 10)).toBe(FOREGROUND);
    expect(at(centre.x, centre.y + 200)).toBe(0);
    let painted = 0;
    for (const value of labels.value.data) if (value === FOREGROUND) painted++;
    expect(painted).toBeGreaterThan(200);

    // The label tile shows it: the label layer is opaque where the stroke went.
    const box = await view().boundingBox();
    if (!box) throw new Error('The image view has no size.');
    const mid = await screenPoint(centre.x, centre.y + 10);
    expect((await layerPixel(1, mid.x - box.x, mid.y - box.y))[3]).toBeGreaterThan(0);
  });

  it('undoes the stroke on the tiles and in the project', async () => {
    const centre = await viewCentre();
    await page.keyboard.press('Control+z');
    await expect.poll(() => numberAttr('data-undo-depth')).toBe(0);
    await expect.poll(() => attr('data-save-state'), { timeout: 15_000 }).toBe('saved');
    const labels = await client.invoke('labels:read', { imageId: largeId, page: 0 });
    if (!labels.ok) throw new Error(labels.error.message);
    expect(labels.value.data.some((value) => value !== 0)).toBe(false);
    const box = await view().boundingBox();
    if (!box) throw new Error('The image view has no size.');
    const mid = await screenPoint(centre.x, centre.y + 10);
    await expect.poll(async () => (await layerPixel(1, mid.x - box.x, mid.y - box.y))[3]).toBe(0);
  });

  it("lays a model's prediction over the page tile by tile", async () => {
    // The server's session sees the model through the project's database, as it would see one
    // the CLI trained.
    const modelDir = await modelReady;
    helper.openProject(projectDir);
    addModel(helper, modelDir, { name: 'Tiny' });
    await page.getByTestId('panel-tab-predict').click();
    await page.getByTestId('predict-models-refresh').click();
    await expect.poll(() => page.getByTestId('predict-model').isEnabled()).toBe(true);
    await page.getByTestId('predict-run').click();
    const panel = page.getByTestId('predict-panel');
    await expect
      .poll(() => panel.getAttribute('data-predict-state'), { timeout: 60_000 })
      .toBe('shown');
    // 6000 x 5000 is tiled but under MAX_WHOLE_PAGE_OVERLAY_PIXELS: the probability map came.
    expect(await panel.getAttribute('data-overlay-mode')).toBe('tiled');
    expect(await panel.getAttribute('data-probability-shown')).toBe('true');
    expect(await page.getByTestId('predict-no-probability').count()).toBe(0);

    await expect.poll(() => attr('data-overlays-tiled')).toBe('prediction');
    await expect
      .poll(
        async () =>
          (await attr('data-prediction-tiles-drawn')) === (await attr('data-tiles-visible')),
      )
      .toBe(true);
    expect(await numberAttr('data-prediction-tiles-drawn')).toBeGreaterThan(0);
    // No page-sized canvas for the prediction or the probability map.
    expect(await attr('data-overlays-whole')).toBe('');
    // The class mask covers every pixel (a model predicts a class everywhere).
    const box = await view().boundingBox();
    if (!box) throw new Error('The image view has no size.');
    const centre = await viewCentre();
    const mid = await screenPoint(centre.x, centre.y);
    await expect
      .poll(async () => (await layerPixel(2, mid.x - box.x, mid.y - box.y))[3])
      .toBeGreaterThan(0);

    await page.getByTestId('predict-probability-show').check();
    await expect.poll(() => attr('data-overlays-tiled')).toBe('probability,prediction');
    await page.getByTestId('predict-show-tiles').check();
    expect(await attr('data-overlays-whole')).toBe('');

    // Another part of the page at a coarser level: the tiles follow the screen.
    await page.getByTestId('zoom-fit').click();
    await expect.poll(() => numberAttr('data-level')).toBeGreaterThan(0);
    await expect
      .poll(
        async () =>
          (await attr('data-prediction-tiles-drawn')) === (await attr('data-tiles-visible')),
      )
      .toBe(true);
  }, 90_000);

  it('leaves a small image on the whole-page path', async () => {
    const item = page.getByTestId('thumbnail').filter({ hasText: 'small.tif' }).first();
    const smallId = Number(await item.getAttribute('data-image-id'));
    await item.click();
    await expect.poll(() => attr('data-image-id'), { timeout: 15_000 }).toBe(String(smallId));
    expect(await attr('data-view-mode')).toBe('whole');
    expect(await attr('data-level')).toBe('');
    expect(callsFor('images:pixels', smallId)).toHaveLength(1);
    expect(callsFor('images:region', smallId)).toEqual([]);
    expect(callsFor('images:pixels', largeId)).toEqual([]);
    // The large page's prediction went with it: no tiles of it are kept.
    expect(await attr('data-overlays-tiled')).toBe('');
    expect(await attr('data-prediction-tiles-drawn')).toBe('0');
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
