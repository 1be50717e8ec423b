import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LABEL_TILE_SIZE } from '../../../src-preload/contract';
import { PROJECT_FILE, ProjectStore, TILE_PIXELS, extractTile } from '../../../src-main/store';
import { errorCodeOf, sampleImage, tempDir } from './fixtures';

// 600 x 520 is not a multiple of 256: a 3 x 3 grid whose last column and row are partial.
const WIDTH = 600;
const HEIGHT = 520;

/** A label map with a few painted shapes, values 0..3. */
function paintedMap(seed: number): Uint8Array {
  const map = new Uint8Array(WIDTH * HEIGHT);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const inBlob = (x - 150 * seed) ** 2 + (y - 200) ** 2 < 120 ** 2;
      const inBand = y > 500 && x > 540;
      map[y * WIDTH + x] = inBlob ? (seed % 3) + 1 : inBand ? 3 : 0;
    }
  }
  return map;
}

function filledTile(value: number): Uint8Array {
  return new Uint8Array(TILE_PIXELS).fill(value);
}

interface TileRow {
  rowid: number;
  tx: number;
  ty: number;
  data: Buffer;
}

describe('label tiles', () => {
  let dir: string;
  let store: ProjectStore;
  let imageId: number;

  beforeEach(() => {
    dir = tempDir();
    store = ProjectStore.create(dir);
    imageId = store.addImage(sampleImage({ width: WIDTH, height: HEIGHT, pages: 2 })).id;
  });
  afterEach(() => store.close());

  /** Rows as a second connection sees them: what is committed, not what this one caches. */
  function committedRows(): TileRow[] {
    const reader = new Database(join(dir, PROJECT_FILE), { readonly: true });
    try {
      return reader
        .prepare<[], TileRow>('SELECT rowid, tx, ty, data FROM label_tiles ORDER BY tx, ty')
        .all();
    } finally {
      reader.close();
    }
  }

  function writeWholeMap(map: Uint8Array, page = 0): { revision: number; tilesWritten: number } {
    const tiles = [];
    for (let ty = 0; ty < 3; ty++) {
      for (let tx = 0; tx < 3; tx++)
        tiles.push({ tx, ty, data: extractTile(map, WIDTH, HEIGHT, tx, ty) });
    }
    return store.writeLabelTiles(imageId, page, tiles);
  }

  it('reads back exactly the map that was written, edge tiles included', () => {
    const map = paintedMap(1);
    expect(store.readLabelMap(imageId, 0)).toEqual({
      width: WIDTH,
      height: HEIGHT,
      data: new Uint8Array(WIDTH * HEIGHT),
      revision: 0,
    });
    expect(writeWholeMap(map)).toEqual({ revision: 1, tilesWritten: 9 });
    const read = store.readLabelMap(imageId, 0);
    expect(read.revision).toBe(1);
    expect(Buffer.from(read.data).equals(Buffer.from(map))).toBe(true);
    // Page 1 is a separate map with its own revision.
    expect(store.readLabelMap(imageId, 1).revision).toBe(0);
    expect(store.readLabelMap(imageId, 1).data.some((v) => v !== 0)).toBe(false);
  });

  it('keeps no row for a tile without labels', () => {
    writeWholeMap(paintedMap(1));
    // The blob covers the top-left four tiles; the band (y 501..519) straddles two tiles.
    const rows = committedRows();
    expect(rows.map(({ tx, ty }) => `${tx},${ty}`)).toEqual([
      '0,0',
      '0,1',
      '1,0',
      '1,1',
      '2,1',
      '2,2',
    ]);
    expect(store.labelledTileCount(imageId)).toBe(6);
  });

  it('writes only the tiles it is given and leaves the others untouched', () => {
    writeWholeMap(paintedMap(1));
    const before = committedRows();
    const changed = filledTile(2);
    const result = store.writeLabelTiles(imageId, 0, [{ tx: 1, ty: 0, data: changed }]);
    expect(result).toEqual({ revision: 2, tilesWritten: 1 });
    const after = committedRows();
    expect(after).toHaveLength(before.length);
    for (const row of after) {
      const old = before.find((b) => b.tx === row.tx && b.ty === row.ty);
      expect(old?.rowid).toBe(row.rowid);
      if (row.tx === 1 && row.ty === 0)
        expect(row.data.equals(old?.data ?? Buffer.alloc(0))).toBe(false);
      else expect(row.data.equals(old?.data ?? Buffer.alloc(0))).toBe(true);
    }
    expect(store.readLabelTile(imageId, 0, 1, 0)).toEqual(changed);
  });

  it('deletes the row when a tile is cleared to all zeros', () => {
    store.writeLabelTiles(imageId, 0, [{ tx: 0, ty: 0, data: filledTile(1) }]);
    expect(store.labelledTileCount()).toBe(1);
    const result = store.writeLabelTiles(imageId, 0, [{ tx: 0, ty: 0, data: filledTile(0) }]);
    expect(result).toEqual({ revision: 2, tilesWritten: 1 });
    expect(store.labelledTileCount()).toBe(0);
    expect(committedRows()).toEqual([]);
    expect(store.readLabelTile(imageId, 0, 0, 0)).toBeUndefined();
  });

  it('stores an edge tile with its padding and maps it to the image edge', () => {
    // Tile (2, 2) covers x 512..599 and y 512..519: 88 x 8 pixels on the image.
    const tile = new Uint8Array(TILE_PIXELS);
    for (let y = 0; y < 8; y++) tile.fill(7, y * LABEL_TILE_SIZE, y * LABEL_TILE_SIZE + 88);
    store.writeLabelTiles(imageId, 1, [{ tx: 2, ty: 2, data: tile }]);
    const { data } = store.readLabelMap(imageId, 1);
    let sevens = 0;
    data.forEach((value, i) => {
      if (value === 7) {
        sevens++;
        expect(i % WIDTH).toBeGreaterThanOrEqual(512);
        expect(Math.floor(i / WIDTH)).toBeGreaterThanOrEqual(512);
      }
    });
    expect(sevens).toBe(88 * 8);
    expect(store.readLabelTile(imageId, 1, 2, 2)).toEqual(tile);
  });

  it('refuses tiles that do not fit the image, and writes nothing of a refused batch', () => {
    const good = { tx: 0, ty: 0, data: filledTile(1) };
    const refusals: [string, () => unknown][] = [
      [
        'column past the edge',
        () => store.writeLabelTiles(imageId, 0, [good, { tx: 3, ty: 0, data: filledTile(1) }]),
      ],
      [
        'row past the edge',
        () => store.writeLabelTiles(imageId, 0, [{ tx: 0, ty: 3, data: filledTile(1) }]),
      ],
      [
        'negative',
        () => store.writeLabelTiles(imageId, 0, [{ tx: -1, ty: 0, data: filledTile(1) }]),
      ],
      [
        'fractional',
        () => store.writeLabelTiles(imageId, 0, [{ tx: 0.5, ty: 0, data: filledTile(1) }]),
      ],
      [
        'short data',
        () => store.writeLabelTiles(imageId, 0, [{ tx: 0, ty: 0, data: new Uint8Array(100) }]),
      ],
      [
        'long data',
        () =>
          store.writeLabelTiles(imageId, 0, [
            { tx: 0, ty: 0, data: new Uint8Array(TILE_PIXELS + 1) },
          ]),
      ],
      [
        'labels in padding',
        () => store.writeLabelTiles(imageId, 0, [{ tx: 2, ty: 0, data: filledTile(1) }]),
      ],
      ['same tile twice', () => store.writeLabelTiles(imageId, 0, [good, good])],
      ['missing page', () => store.writeLabelTiles(imageId, 2, [good])],
    ];
    for (const [what, action] of refusals) {
      expect(errorCodeOf(action), what).toBe('invalid-request');
    }
    expect(errorCodeOf(() => store.writeLabelTiles(imageId + 99, 0, [good]))).toBe('not-found');
    expect(errorCodeOf(() => store.readLabelMap(imageId + 99, 0))).toBe('not-found');
    expect(errorCodeOf(() => store.readLabelTile(imageId, 0, 3, 0))).toBe('invalid-request');
    expect(store.labelledTileCount()).toBe(0);
    expect(store.readLabelMap(imageId, 0).revision).toBe(0);
  });

  it('counts a revision per write, per page', () => {
    expect(
      store.writeLabelTiles(imageId, 0, [{ tx: 0, ty: 0, data: filledTile(1) }]).revision,
    ).toBe(1);
    expect(
      store.writeLabelTiles(imageId, 0, [{ tx: 0, ty: 0, data: filledTile(2) }]).revision,
    ).toBe(2);
    expect(
      store.writeLabelTiles(imageId, 1, [{ tx: 0, ty: 0, data: filledTile(2) }]).revision,
    ).toBe(1);
    expect(store.writeLabelTiles(imageId, 0, []).revision).toBe(2); // nothing to write, nothing counted
    expect(store.readLabelMap(imageId, 0).revision).toBe(2);
  });

  it('removes an image with its labels', () => {
    const other = store.addImage(sampleImage({ contentHash: 'cd'.repeat(32) })).id;
    store.writeLabelTiles(imageId, 0, [{ tx: 0, ty: 0, data: filledTile(1) }]);
    store.writeLabelTiles(other, 0, [{ tx: 1, ty: 1, data: filledTile(2) }]);
    store.removeImage(imageId);
    expect(store.labelledTileCount()).toBe(1);
    expect(store.labelledTileCount(other)).toBe(1);
    const reader = new Database(join(dir, PROJECT_FILE), { readonly: true });
    expect(reader.prepare('SELECT image_id FROM label_revisions').pluck().all()).toEqual([other]);
    reader.close();
  });
});
