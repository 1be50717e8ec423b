import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabelTile, Result } from '../../../../src-preload/contract';
import {
  PageAutosave,
  SAVE_DELAY_MS,
  TILES_PER_WRITE,
  type SaveState,
} from '../../../../src-renderer/src/lib/annotation/page-autosave';
import { tilesOfIndices } from '../../../../src-renderer/src/lib/annotation/label-tiles';

const width = 600;
const height = 300;

function setup(answers: Result<{ revision: number }>[] = []) {
  const labels = { imageId: 1, page: 0, width, height, data: new Uint8Array(width * height) };
  const writes: LabelTile[][] = [];
  const states: SaveState[] = [];
  let revision = 10;
  const write = vi.fn(async (tiles: LabelTile[]) => {
    writes.push(tiles);
    return answers.shift() ?? { ok: true as const, value: { revision: ++revision } };
  });
  const autosave = new PageAutosave(labels, 10, write, (a) => states.push(a.state));
  return { labels, autosave, writes, states };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PageAutosave', () => {
  it('writes only the dirty tiles, with their current bytes, then says saved', async () => {
    const { labels, autosave, writes, states } = setup();
    labels.data[width * 290 + 599] = 2; // tile (2, 1), an edge tile
    autosave.markDirty(tilesOfIndices([width * 290 + 599, 5], width));
    expect(autosave.state).toBe('unsaved');
    expect(await autosave.flush()).toBe(true);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.map(({ tx, ty }) => [tx, ty])).toEqual([
      [0, 0],
      [2, 1],
    ]);
    const edge = writes[0]?.[1]?.data as Uint8Array;
    expect(edge[34 * 256 + 87]).toBe(2);
    expect(edge.reduce((sum, v) => sum + v, 0)).toBe(2);
    expect(states).toEqual(['unsaved', 'saving', 'saved']);
    expect(autosave.revision).toBe(11);
    expect(await autosave.flush()).toBe(true);
    expect(writes).toHaveLength(1);
  });

  it('keeps the tiles of a failed write and sends them again on the next attempt', async () => {
    const { autosave, writes } = setup([
      { ok: false, error: { code: 'disk-full', message: 'The disk is full.' } },
    ]);
    autosave.markDirty([{ tx: 1, ty: 0 }]);
    expect(await autosave.flush()).toBe(false);
    expect(autosave.state).toBe('error');
    expect(autosave.error?.message).toBe('The disk is full.');
    expect(autosave.dirtyCount).toBe(1);
    expect(await autosave.flush()).toBe(true);
    expect(writes.map((w) => w.map(({ tx, ty }) => `${tx},${ty}`))).toEqual([['1,0'], ['1,0']]);
    expect(autosave.state).toBe('saved');
    expect(autosave.error).toBeNull();
  });

  it('writes a tile painted during a write again before saying saved', async () => {
    const { autosave, writes, labels } = setup();
    autosave.markDirty([{ tx: 0, ty: 0 }]);
    const flushing = autosave.flush();
    // The first write is in flight; the person paints the same tile again.
    labels.data[0] = 1;
    autosave.markDirty([{ tx: 0, ty: 0 }]);
    expect(autosave.state).toBe('saving');
    expect(await flushing).toBe(true);
    expect(writes).toHaveLength(2);
    expect(writes[1]?.[0]?.data[0]).toBe(1);
    expect(autosave.state).toBe('saved');
  });

  it('waits a short pause after a gesture, restarting it when another gesture ends', async () => {
    vi.useFakeTimers();
    const { autosave, writes } = setup();
    autosave.markDirty([{ tx: 0, ty: 0 }]);
    autosave.schedule();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 50);
    autosave.markDirty([{ tx: 1, ty: 0 }]);
    autosave.schedule();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 50);
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toHaveLength(2);
    expect(autosave.state).toBe('saved');
  });

  it('splits a large save into bounded writes', async () => {
    const { autosave, writes } = setup();
    const tiles = Array.from({ length: TILES_PER_WRITE + 3 }, (_, i) => ({ tx: i, ty: 0 }));
    autosave.markDirty(tiles);
    expect(await autosave.flush()).toBe(true);
    expect(writes.map((w) => w.length)).toEqual([TILES_PER_WRITE, 3]);
  });

  it('turns a transport that throws into a plain error instead of losing the tiles', async () => {
    const labels = { imageId: 1, page: 0, width, height, data: new Uint8Array(width * height) };
    const autosave = new PageAutosave(labels, 0, () => Promise.reject(new Error('socket gone')));
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    autosave.markDirty([{ tx: 0, ty: 0 }]);
    expect(await autosave.flush()).toBe(false);
    expect(autosave.error?.code).toBe('internal');
    expect(autosave.dirtyCount).toBe(1);
    log.mockRestore();
  });
});
