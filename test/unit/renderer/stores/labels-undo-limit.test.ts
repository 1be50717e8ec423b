// A gesture larger than undo can keep (the limit is lowered to 50 pixels here): it is painted
// and saved, the person is told, and the history that no longer applies is gone.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../../src-preload/contract';
import { useLabelsStore } from '../../../../src-renderer/src/stores/labels';
import { useNotificationsStore } from '../../../../src-renderer/src/stores/notifications';
import { useViewerStore } from '../../../../src-renderer/src/stores/viewer';
import { fakeStudio, settle } from '../panels/fake-studio';

vi.mock(
  '../../../../src-renderer/src/api',
  async () => (await import('../panels/store-mocks')).apiModule,
);
vi.mock('../../../../src-renderer/src/lib/annotation/label-change', async (original) => ({
  ...(await original<typeof import('../../../../src-renderer/src/lib/annotation/label-change')>()),
  MAX_UNDO_PIXELS: 50,
}));

const WIDTH = 300;
const HEIGHT = 20;

beforeEach(() => {
  vi.stubGlobal('window', { addEventListener: () => undefined });
  vi.stubGlobal('document', { addEventListener: () => undefined, visibilityState: 'visible' });
  fakeStudio.reset();
  setActivePinia(createPinia());
  fakeStudio.answer('labels:read', (request) =>
    ok({
      imageId: request.imageId,
      page: request.page ?? 0,
      width: WIDTH,
      height: HEIGHT,
      data: new Uint8Array(WIDTH * HEIGHT),
      revision: 0,
    }),
  );
  fakeStudio.answer('labels:write-tiles', (request) =>
    ok({ revision: 1, tilesWritten: request.tiles.length }),
  );
});

async function pageOnScreen() {
  const viewer = useViewerStore();
  const labels = useLabelsStore();
  viewer.imageId = 1;
  // What the view would decode: only its page identity matters to the labels store.
  viewer.pixels = { imageId: 1, page: 0 } as unknown as typeof viewer.pixels;
  await settle();
  expect(labels.ready).toBe(true);
  return labels;
}

describe('labels store: a gesture beyond the undo limit', () => {
  it('keeps small strokes undoable', async () => {
    const labels = await pageOnScreen();
    labels.beginStroke({ x: 5, y: 5 }, 3, 1);
    labels.endStroke();
    expect(labels.undoDepth).toBe(1);
  });

  it('paints and saves a large fill, says it cannot be undone, and clears the history', async () => {
    const labels = await pageOnScreen();
    labels.beginStroke({ x: 5, y: 5 }, 3, 1);
    labels.endStroke();
    expect(labels.undoDepth).toBe(1);

    // Fills everything still unpainted: far more than 50 pixels, across both label tiles.
    expect(
      labels.fillRegion({ x: 200, y: 10 }, 2, { x: 0, y: 0, width: WIDTH, height: HEIGHT }),
    ).toBe(true);
    expect(labels.valueAt(299, 19)).toBe(2);
    expect(labels.valueAt(5, 5)).toBe(1);
    expect(labels.undoDepth).toBe(0);
    labels.undo();
    expect(labels.valueAt(299, 19)).toBe(2);

    const notices = useNotificationsStore().errors;
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toMatch(/cannot be undone/);

    expect(await labels.flush()).toBe(true);
    const written = fakeStudio.requests('labels:write-tiles') as { tiles: { tx: number }[] }[];
    const tiles = written.flatMap((request) => request.tiles.map((tile) => tile.tx));
    expect(new Set(tiles)).toEqual(new Set([0, 1]));
  });
});
