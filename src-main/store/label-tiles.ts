// Label maps, stored as tiles so a brush stroke rewrites only the few tiles it touched.
import type { LabelTile } from '../../src-preload/contract';
import { isoNow, requireWholeNumber } from './column-values';
import { deflateBytes, inflateBytes } from './compression';
import type { Db } from './connection';
import { requireImage } from './images';
import type { ImageRecord } from './images';
import { copyTileIntoMap, isAllZero, TILE_PIXELS, tileGrid, tileProblem } from './label-geometry';
import { invalid } from './store-error';

export type TileWrite = Pick<LabelTile, 'tx' | 'ty' | 'data'>;

export interface LabelMapPixels {
  width: number;
  height: number;
  /** width * height class indices, row-major; 0 = unlabelled. */
  data: Uint8Array;
  /** 0 before the first write; +1 per writeLabelTiles call. */
  revision: number;
}

function requirePage(db: Db, imageId: number, page: number): ImageRecord {
  const image = requireImage(db, imageId);
  requireWholeNumber(page, 'Page', 0);
  if (page >= image.pages) {
    throw invalid(
      `Page ${page} does not exist: the image has ${image.pages} page(s), counted from 0.`,
    );
  }
  return image;
}

function currentRevision(db: Db, imageId: number, page: number): number {
  return (
    db
      .prepare<[number, number], number>(
        'SELECT revision FROM label_revisions WHERE image_id = ? AND page = ?',
      )
      .pluck()
      .get(imageId, page) ?? 0
  );
}

/**
 * Writes the given tiles of one page and nothing else, in one transaction, and returns once it
 * is committed (and, with synchronous=FULL, on disk). An all-zero tile deletes its row.
 */
export function writeLabelTiles(
  db: Db,
  imageId: number,
  page: number,
  tiles: readonly TileWrite[],
): { revision: number; tilesWritten: number } {
  const image = requirePage(db, imageId, page);
  const seen = new Set<string>();
  for (const { tx, ty, data } of tiles) {
    const problem = tileProblem(image.width, image.height, tx, ty, data);
    if (problem) throw invalid(problem);
    const key = `${tx},${ty}`;
    if (seen.has(key)) throw invalid(`Tile (${tx}, ${ty}) appears twice in one write.`);
    seen.add(key);
  }
  if (tiles.length === 0) return { revision: currentRevision(db, imageId, page), tilesWritten: 0 };

  // Compress before taking the write lock, so other readers and writers wait less.
  const encoded = tiles.map(({ tx, ty, data }) => ({
    tx,
    ty,
    blob: isAllZero(data) ? undefined : deflateBytes(data),
  }));
  const upsert = db.prepare(
    `INSERT INTO label_tiles (image_id, page, tx, ty, data) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (image_id, page, tx, ty) DO UPDATE SET data = excluded.data`,
  );
  const remove = db.prepare(
    'DELETE FROM label_tiles WHERE image_id = ? AND page = ? AND tx = ? AND ty = ?',
  );
  const bump = db.prepare<[number, number, string], number>(
    `INSERT INTO label_revisions (image_id, page, revision, updated_at) VALUES (?, ?, 1, ?)
     ON CONFLICT (image_id, page) DO UPDATE SET revision = revision + 1, updated_at = excluded.updated_at
     RETURNING revision`,
  );
  return db
    .transaction(() => {
      for (const { tx, ty, blob } of encoded) {
        if (blob) upsert.run(imageId, page, tx, ty, blob);
        else remove.run(imageId, page, tx, ty);
      }
      const revision = bump.pluck().get(imageId, page, isoNow()) ?? 0;
      return { revision, tilesWritten: encoded.length };
    })
    .immediate();
}

export function readLabelMap(db: Db, imageId: number, page: number): LabelMapPixels {
  const { width, height } = requirePage(db, imageId, page);
  const data = new Uint8Array(width * height);
  const tiles = db.prepare<[number, number], { tx: number; ty: number; data: Buffer }>(
    'SELECT tx, ty, data FROM label_tiles WHERE image_id = ? AND page = ?',
  );
  // One read transaction: the tiles and the revision come from the same snapshot, even if
  // another process is writing.
  const revision = db
    .transaction(() => {
      for (const tile of tiles.iterate(imageId, page)) {
        copyTileIntoMap(
          data,
          width,
          height,
          tile.tx,
          tile.ty,
          inflateBytes(tile.data, TILE_PIXELS),
        );
      }
      return currentRevision(db, imageId, page);
    })
    .deferred();
  return { width, height, data, revision };
}

/** One tile's TILE_PIXELS values, or undefined where the tile holds no labels. */
export function readLabelTile(
  db: Db,
  imageId: number,
  page: number,
  tx: number,
  ty: number,
): Uint8Array | undefined {
  const { width, height } = requirePage(db, imageId, page);
  const grid = tileGrid(width, height);
  if (
    !Number.isInteger(tx) ||
    !Number.isInteger(ty) ||
    tx < 0 ||
    ty < 0 ||
    tx >= grid.columns ||
    ty >= grid.rows
  ) {
    throw invalid(
      `Tile (${tx}, ${ty}) lies outside the image, which has ${grid.columns} x ${grid.rows} tiles.`,
    );
  }
  const blob = db
    .prepare<[number, number, number, number], Buffer>(
      'SELECT data FROM label_tiles WHERE image_id = ? AND page = ? AND tx = ? AND ty = ?',
    )
    .pluck()
    .get(imageId, page, tx, ty);
  return blob && inflateBytes(blob, TILE_PIXELS);
}

/** Tiles holding at least one label, in one image or the whole project. */
export function labelledTileCount(db: Db, imageId?: number): number {
  const count =
    imageId === undefined
      ? db.prepare<[], number>('SELECT count(*) FROM label_tiles').pluck().get()
      : db
          .prepare<[number], number>('SELECT count(*) FROM label_tiles WHERE image_id = ?')
          .pluck()
          .get(imageId);
  return count ?? 0;
}
