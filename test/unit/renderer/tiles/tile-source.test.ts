import { describe, expect, it } from 'vitest';
import type { DecodedTile } from '../../../../src-renderer/src/lib/tiles/region-tile';
import {
  tileGrid,
  tileKey,
  type TileCoord,
} from '../../../../src-renderer/src/lib/tiles/tile-grid';
import { TileSource, type TiledPage } from '../../../../src-renderer/src/lib/tiles/tile-source';

// 6000 x 5000: levels 0..4, level 4 (375 x 313) is the overview.
const page: TiledPage = {
  imageId: 1,
  page: 0,
  width: 6000,
  height: 5000,
  channels: 1,
  dtype: 'uint16',
  levels: 5,
  min: 0,
  max: 100,
};

/** A tile whose every sample is its level (so a test can tell which level answered). */
function fakeTile(tile: TileCoord, side = 512): DecodedTile {
  return {
    tile,
    rect: { x: tile.column * 512, y: tile.row * 512, width: side, height: side },
    channels: 1,
    dtype: 'uint16',
    samples: new Uint16Array(side * side).fill(tile.level * 100 + tile.column),
  };
}

const overview = fakeTile({ level: 4, column: 0, row: 0 }, 375);
const flush = () => new Promise((done) => setTimeout(done, 0));

function setup(options = { budgetBytes: 64 * 1024 * 1024, maxInFlight: 4 }) {
  const asked: string[] = [];
  const failing = new Set<string>();
  let settled = 0;
  const source = new TileSource(
    page,
    overview,
    (tile) => {
      asked.push(tileKey(tile));
      return Promise.resolve(failing.has(tileKey(tile)) ? null : fakeTile(tile));
    },
    () => settled++,
    options,
  );
  return { source, asked, failing, settled: () => settled };
}

// At 1:1 with the top-left of the page in an 800 x 600 view: level-0 tiles (0..1, 0..1).
const closeUp = tileGrid({ scale: 1, x: 0, y: 0 }, { width: 800, height: 600 }, page, 0);
// At scale 0.3 the same corner is level 1, tiles (0..2, 0..1).
const wider = tileGrid({ scale: 0.3, x: 0, y: 0 }, { width: 800, height: 600 }, page, 1);

describe('TileSource', () => {
  it('shows the overview while the level loads, then the level over it', async () => {
    const t = setup();
    const before = t.source.plan(closeUp);
    expect(before.backdrop).toEqual([overview]);
    expect(before.ready).toEqual([]);
    expect(before.loading).toBe(4);

    t.source.update(closeUp, true);
    // Four visible tiles and the margin ring (columns 0..2, rows 0..2) minus the 4 in flight.
    expect(t.asked).toEqual(closeUp.wanted.slice(0, 4).map(tileKey));
    await flush();
    await flush();
    expect(t.settled()).toBe(9);
    const after = t.source.plan(closeUp);
    expect(after.ready.map((tile) => tileKey(tile.tile)).sort()).toEqual(
      ['0/0/0', '0/0/1', '0/1/0', '0/1/1'].sort(),
    );
    expect(after.loading).toBe(0);
    expect(after.backdrop).toEqual([overview]);
  });

  it('draws the overview alone as the top level', () => {
    const t = setup();
    const top = tileGrid({ scale: 0.05, x: 0, y: 0 }, { width: 800, height: 600 }, page, 4);
    const plan = t.source.plan(top);
    expect(plan.ready).toEqual([overview]);
    expect(plan.backdrop).toEqual([]);
    t.source.update(top, true);
    expect(t.asked).toEqual([]);
  });

  it('uses coarser tiles already here as stand-ins for finer ones still loading', async () => {
    const t = setup();
    t.source.update(wider, true);
    await flush();
    await flush();
    // Zoomed in: level 0 not asked for yet; level 1 tile (0, 0) covers level-0 tiles 0..1.
    const plan = t.source.plan(closeUp);
    expect(plan.ready).toEqual([]);
    expect(plan.backdrop.map((tile) => tileKey(tile.tile))).toEqual(['4/0/0', '1/0/0']);
    expect(plan.loading).toBe(4);
  });

  it('marks failed tiles and asks again only when the view moves', async () => {
    const t = setup();
    t.failing.add('0/0/0');
    t.source.update(closeUp, true);
    await flush();
    await flush();
    expect(t.source.plan(closeUp).failed).toEqual([{ level: 0, column: 0, row: 0 }]);
    const asks = t.asked.length;
    t.source.update(closeUp, false);
    expect(t.asked.length).toBe(asks);
    t.failing.clear();
    t.source.update(closeUp, true);
    await flush();
    expect(t.asked.length).toBe(asks + 1);
    expect(t.source.plan(closeUp).failed).toEqual([]);
    expect(t.source.plan(closeUp).ready).toHaveLength(4);
  });

  it('keeps the cache within its byte budget, the overview aside', async () => {
    // Room for three 512 x 512 16-bit tiles.
    const t = setup({ budgetBytes: 3 * 512 * 512 * 2, maxInFlight: 4 });
    t.source.update(closeUp, true);
    await flush();
    await flush();
    expect(t.source.cachedBytes).toBe(3 * 512 * 512 * 2);
    expect(t.source.plan(closeUp).backdrop).toEqual([overview]);
  });

  it('reads values from the finest level here', async () => {
    const t = setup();
    expect(t.source.valuesAt(600, 10)).toEqual({ values: [400], level: 4 });
    t.source.update(wider, true);
    await flush();
    await flush();
    expect(t.source.valuesAt(600, 10)).toEqual({ values: [100], level: 1 });
    t.source.update(closeUp, true);
    await flush();
    await flush();
    expect(t.source.valuesAt(600, 10)).toEqual({ values: [1], level: 0 });
    expect(t.source.valuesAt(6000, 10)).toBeNull();
    expect(t.source.valuesAt(-1, 10)).toBeNull();
  });

  it('asks for nothing more once disposed', async () => {
    const t = setup();
    t.source.dispose();
    t.source.update(closeUp, true);
    await flush();
    expect(t.asked).toEqual([]);
    expect(t.source.cachedBytes).toBe(0);
  });
});
