// What the crash-durability child writes at step N, derived from N alone so the parent test can
// recompute every acknowledged write after killing the child.
import { LABEL_TILE_SIZE } from '../../../src-preload/contract';
import type { TileWrite } from '../../../src-main/store';
import { TILE_PIXELS, tileGrid } from '../../../src-main/store';

/** Not a multiple of 256, so edge tiles (with padding) are part of the stream. */
export const PLAN_WIDTH = 1000;
export const PLAN_HEIGHT = 700;
const GRID = tileGrid(PLAN_WIDTH, PLAN_HEIGHT); // 4 x 3
const POSITIONS = GRID.columns * GRID.rows;

function tileContent(step: number, tx: number, ty: number): Uint8Array {
  const data = new Uint8Array(TILE_PIXELS);
  // Every 11th step clears its tiles, which deletes their rows.
  if (step % 11 === 0) return data;
  // Only the on-image part: padding past the image edge must stay 0.
  const w = Math.min(LABEL_TILE_SIZE, PLAN_WIDTH - tx * LABEL_TILE_SIZE);
  const h = Math.min(LABEL_TILE_SIZE, PLAN_HEIGHT - ty * LABEL_TILE_SIZE);
  // A filled disc, like a brush dab...
  const cx = (step * 37) % w;
  const cy = (step * 53) % h;
  const radius = 20 + (step % 90);
  for (let y = Math.max(0, cy - radius); y < Math.min(h, cy + radius); y++) {
    const half = Math.floor(Math.sqrt(radius ** 2 - (y - cy) ** 2));
    const row = y * LABEL_TILE_SIZE;
    data.fill(1 + (step % 5), row + Math.max(0, cx - half), row + Math.min(w, cx + half + 1));
  }
  // ...and a few scattered pixels, so no two steps write the same bytes.
  for (let k = 0; k < 8; k++) {
    data[((step * 17 + k * 61) % h) * LABEL_TILE_SIZE + ((step * 31 + k * 97) % w)] = 9;
  }
  return data;
}

/** The tiles written by step `step` (1, 2, 3, ...): one to three distinct positions. */
export function tilesForStep(step: number): TileWrite[] {
  const count = 1 + (step % 3);
  return Array.from({ length: count }, (_, k) => {
    const position = (step * 5 + k * 7) % POSITIONS;
    const tx = position % GRID.columns;
    const ty = Math.floor(position / GRID.columns);
    return { tx, ty, data: tileContent(step, tx, ty) };
  });
}

/** Every tile's expected content after steps 1..steps, keyed "tx,ty"; absent means all zero. */
export function expectedTilesAfter(steps: number): Map<string, Uint8Array> {
  const tiles = new Map<string, Uint8Array>();
  // Newest first: a tile holds what the last step to touch it wrote.
  for (let step = steps; step >= 1 && tiles.size < POSITIONS; step--) {
    for (const { tx, ty, data } of tilesForStep(step)) {
      if (!tiles.has(`${tx},${ty}`)) tiles.set(`${tx},${ty}`, data);
    }
  }
  return tiles;
}
