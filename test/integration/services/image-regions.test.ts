// images:region through the real handlers: how the window views a page too large to send whole.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../../src-main/ipc/dispatcher';
import { writeTiffFile } from '../../../src-main/imaging/tiff-write';
import { createHandlers } from '../../../src-main/services/handlers';
import { StudioSession } from '../../../src-main/services/studio-session';

const WIDTH = 2000;
const HEIGHT = 1500;
const value = (x: number, y: number) => (x * 7 + y * 13) % 60_000;

let work: string;
let imageId: number;
const session = new StudioSession();
const context: HandlerContext = {
  sender: { transport: 'browser', url: '', authenticated: true },
  emit: () => undefined,
};
const handlers = createHandlers(session, {
  appInfo: { mode: 'browser', version: 'test', platform: 'linux', canPickFolders: false },
});

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'studio-regions-'));
  mkdirSync(join(work, 'images'));
  const data = new Uint16Array(WIDTH * HEIGHT);
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++) data[y * WIDTH + x] = value(x, y);
  await writeTiffFile(join(work, 'images', 'wide.tif'), { width: WIDTH, height: HEIGHT, data });
  session.createProject(join(work, 'project'));
  const report = await handlers['images:add-folder']({ folder: join(work, 'images') }, context);
  imageId = report.added[0]!.id;
});
afterAll(() => {
  session.close();
  rmSync(work, { recursive: true, force: true });
});

const samples = (bytes: Uint8Array) =>
  new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);

describe('images:region', () => {
  it('gives the page itself at level 0, with the pyramid described', async () => {
    const region = await handlers['images:region'](
      { imageId, page: 0, level: 0, x: 100, y: 200, width: 64, height: 32 },
      context,
    );
    expect(region).toMatchObject({ width: 64, height: 32, levels: 3, dtype: 'uint16' });
    expect([region.levelWidth, region.levelHeight]).toEqual([WIDTH, HEIGHT]);
    const data = samples(region.data);
    expect(data[0]).toBe(value(100, 200));
    expect(data[31 * 64 + 63]).toBe(value(163, 231));
  });

  it('averages 2 x 2 blocks per level, in the page type', async () => {
    const region = await handlers['images:region'](
      { imageId, page: 0, level: 1, x: 10, y: 20, width: 8, height: 4 },
      context,
    );
    expect([region.levelWidth, region.levelHeight]).toEqual([WIDTH / 2, HEIGHT / 2]);
    const data = samples(region.data);
    for (const [rx, ry] of [
      [0, 0],
      [7, 3],
    ] as const) {
      const x = 2 * (10 + rx);
      const y = 2 * (20 + ry);
      const mean = (value(x, y) + value(x + 1, y) + value(x, y + 1) + value(x + 1, y + 1)) / 4;
      expect(data[ry * 8 + rx]).toBe(Math.round(mean));
    }
  });

  it('clips a region at the edge of its level', async () => {
    const region = await handlers['images:region'](
      { imageId, page: 0, level: 2, x: 400, y: 300, width: 2048, height: 2048 },
      context,
    );
    expect([region.width, region.height]).toEqual([500 - 400, 375 - 300]);
    expect(region.data.byteLength).toBe(100 * 75 * 2);
  });

  it('refuses a level or a start outside the image, in plain words', async () => {
    await expect(
      handlers['images:region'](
        { imageId, page: 0, level: 3, x: 0, y: 0, width: 1, height: 1 },
        context,
      ),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/3 zoom levels/) });
    await expect(
      handlers['images:region'](
        { imageId, page: 0, level: 1, x: 1000, y: 0, width: 1, height: 1 },
        context,
      ),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/outside/) });
    await expect(
      handlers['images:region'](
        { imageId, page: 1, level: 0, x: 0, y: 0, width: 1, height: 1 },
        context,
      ),
    ).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/page 2 does not exist/),
    });
  });
});
