import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  fail,
  ok,
  type ImageRegion,
  type ImageSummary,
  type RequestOf,
} from '../../../../src-preload/contract';
import { tileGrid } from '../../../../src-renderer/src/lib/tiles/tile-grid';
import { useImagesStore } from '../../../../src-renderer/src/stores/images';
import { useNotificationsStore } from '../../../../src-renderer/src/stores/notifications';
import { useViewerStore } from '../../../../src-renderer/src/stores/viewer';
import { fakeStudio, settle } from '../panels/fake-studio';

vi.mock(
  '../../../../src-renderer/src/api',
  async () => (await import('../panels/store-mocks')).apiModule,
);

function summary(id: number, width: number, height: number): ImageSummary {
  return {
    id,
    name: `image-${id}.tif`,
    sourcePath: `/data/image-${id}.tif`,
    contentHash: `hash-${id}`,
    width,
    height,
    pages: 1,
    channels: 1,
    bitDepth: 16,
    sampleFormat: 'uint',
    display: { low: 100, high: 60000 },
    status: 'ok',
  };
}

/** A 6000 x 5000 page's pyramid: every sample of level L is 1000 * (L + 1). */
function region(request: RequestOf<'images:region'>): ImageRegion {
  const levelWidth = Math.ceil(6000 / 2 ** request.level);
  const levelHeight = Math.ceil(5000 / 2 ** request.level);
  const width = Math.min(request.width, levelWidth - request.x);
  const height = Math.min(request.height, levelHeight - request.y);
  const samples = new Uint16Array(width * height).fill(1000 * (request.level + 1));
  return {
    imageId: request.imageId,
    page: request.page ?? 0,
    width,
    height,
    channels: 1,
    dtype: 'uint16',
    data: new Uint8Array(samples.buffer),
    level: request.level,
    levels: 5,
    x: request.x,
    y: request.y,
    levelWidth,
    levelHeight,
  };
}

beforeEach(() => {
  fakeStudio.reset();
  setActivePinia(createPinia());
  useImagesStore().list = [summary(1, 6000, 5000), summary(2, 64, 32)];
});

describe('viewer store, large pages', () => {
  it('opens a large page from its overview, never asking for the whole page', async () => {
    fakeStudio.answer('images:region', (request) => ok(region(request)));
    const viewer = useViewerStore();
    viewer.setViewport({ width: 800, height: 600 });
    await viewer.select(1);
    expect(fakeStudio.requests('images:pixels')).toEqual([]);
    expect(fakeStudio.requests('images:region')).toEqual([
      { imageId: 1, page: 0, level: 4, x: 0, y: 0, width: 375, height: 313 },
    ]);
    expect(viewer.viewMode).toBe('tiled');
    expect(viewer.pixels).toBeNull();
    expect(viewer.shown).toMatchObject({ imageId: 1, width: 6000, height: 5000, dtype: 'uint16' });
    expect(viewer.tiled?.page.levels).toBe(5);
    // Fitted to the view, as a small page would be.
    expect(viewer.view.scale).toBeCloseTo(Math.min(768 / 6000, 568 / 5000));
    // Zoomed out, the readout tells the overview's value and that it is a block's mean.
    viewer.pointAt({ x: 10, y: 10 });
    expect(viewer.readout).toEqual({ x: 10, y: 10, values: [5000], level: 4 });
  });

  it('wakes the view when a tile arrives, and reads finer values then', async () => {
    fakeStudio.answer('images:region', (request) => ok(region(request)));
    const viewer = useViewerStore();
    viewer.setViewport({ width: 800, height: 600 });
    await viewer.select(1);
    const tiled = viewer.tiled;
    if (!tiled) throw new Error('not tiled');
    const revision = viewer.revision;
    const grid = tileGrid({ scale: 1, x: 0, y: 0 }, { width: 800, height: 600 }, tiled.page, 0);
    tiled.source.update(grid, true);
    await settle();
    expect(viewer.revision).toBeGreaterThan(revision);
    viewer.pointAt({ x: 10, y: 10 });
    expect(viewer.readout?.level).toBe(0);
    expect(viewer.readout?.values).toEqual([1000]);
  });

  it('keeps small pages on images:pixels, and lets the tiles go', async () => {
    fakeStudio.answer('images:region', (request) => ok(region(request)));
    fakeStudio.answer('images:pixels', (request) =>
      ok({
        imageId: request.imageId,
        page: 0,
        width: 64,
        height: 32,
        channels: 1,
        dtype: 'uint16',
        data: new Uint8Array(64 * 32 * 2),
      }),
    );
    const viewer = useViewerStore();
    await viewer.select(1);
    const source = viewer.tiled?.source;
    await viewer.select(2);
    expect(viewer.viewMode).toBe('whole');
    expect(viewer.tiled).toBeNull();
    expect(fakeStudio.requests('images:pixels')).toEqual([{ imageId: 2, page: 0 }]);
    // The large page's source was closed: it asks for nothing more.
    const asked = fakeStudio.requests('images:region').length;
    source?.update(
      tileGrid(
        { scale: 1, x: 0, y: 0 },
        { width: 800, height: 600 },
        {
          width: 6000,
          height: 5000,
        },
        0,
      ),
      true,
    );
    await settle();
    expect(fakeStudio.requests('images:region')).toHaveLength(asked);
  });

  it('refuses an overview from another pyramid and says the image cannot be shown', async () => {
    fakeStudio.answer('images:region', (request) => ok({ ...region(request), levels: 6 }));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const viewer = useViewerStore();
    await viewer.select(1);
    expect(viewer.shown).toBeNull();
    expect(viewer.loading).toBe(false);
    expect(useNotificationsStore().errors.map((notice) => notice.code)).toEqual([
      'unreadable-image',
    ]);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it('reports a failed overview and tries again when the image is selected again', async () => {
    fakeStudio.answer('images:region', () => fail('io-error', 'The file could not be read.'));
    const viewer = useViewerStore();
    await viewer.select(1);
    expect(viewer.shown).toBeNull();
    expect(useNotificationsStore().errors).toHaveLength(1);
    fakeStudio.answer('images:region', (request) => ok(region(request)));
    await viewer.select(1);
    expect(viewer.viewMode).toBe('tiled');
  });
});
