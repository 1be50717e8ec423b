import { describe, expect, it } from 'vitest';
import { tileKey, type TileCoord } from '../../../../src-renderer/src/lib/tiles/tile-grid';
import { TileRequests } from '../../../../src-renderer/src/lib/tiles/tile-requests';

const tile = (column: number, row = 0, level = 0): TileCoord => ({ level, column, row });

/** A fetcher whose answers the test gives by hand, in any order. */
function manualFetcher() {
  const open = new Map<string, (value: string | null) => void>();
  const asked: string[] = [];
  const fetch = (coord: TileCoord) =>
    new Promise<string | null>((resolve) => {
      const key = tileKey(coord);
      asked.push(key);
      open.set(key, resolve);
    });
  const answer = async (key: string, value: string | null) => {
    const resolve = open.get(key);
    if (!resolve) throw new Error(`${key} was not asked for`);
    open.delete(key);
    resolve(value);
    // Let the request's continuation run (settle, then pump the queue).
    await new Promise((done) => setTimeout(done, 0));
  };
  return { fetch, answer, asked, open };
}

function setup(maxInFlight = 2) {
  const fetcher = manualFetcher();
  const have = new Map<string, string>();
  const settled: [string, string | null][] = [];
  const requests = new TileRequests<string>(
    fetcher.fetch,
    (coord, value) => {
      settled.push([tileKey(coord), value]);
      if (value !== null) have.set(tileKey(coord), value);
    },
    maxInFlight,
  );
  const want = (tiles: TileCoord[], retry = false) =>
    requests.want(tiles, (key) => have.has(key), retry);
  return { ...fetcher, have, settled, requests, want };
}

describe('TileRequests', () => {
  it('keeps at most maxInFlight requests open, in the order asked', async () => {
    const t = setup(2);
    t.want([tile(0), tile(1), tile(2), tile(3)]);
    expect(t.asked).toEqual(['0/0/0', '0/1/0']);
    expect(t.requests.loading).toBe(2);
    expect(t.requests.queued).toBe(2);
    await t.answer('0/1/0', 'b');
    expect(t.asked).toEqual(['0/0/0', '0/1/0', '0/2/0']);
    expect(t.settled).toEqual([['0/1/0', 'b']]);
  });

  it('never asks twice for a tile in flight or already here', async () => {
    const t = setup(4);
    t.want([tile(0), tile(1)]);
    t.want([tile(0), tile(1), tile(1)]);
    expect(t.asked).toEqual(['0/0/0', '0/1/0']);
    await t.answer('0/0/0', 'a');
    t.want([tile(0), tile(1), tile(2)]);
    expect(t.asked).toEqual(['0/0/0', '0/1/0', '0/2/0']);
  });

  it('drops queued tiles the view no longer needs', async () => {
    const t = setup(1);
    t.want([tile(0), tile(1), tile(2)]);
    expect(t.requests.state('0/1/0')).toBe('queued');
    // The view moved: only tiles 5 and 6 are wanted now.
    t.want([tile(5), tile(6)]);
    expect(t.requests.state('0/1/0')).toBeNull();
    await t.answer('0/0/0', 'a');
    // The answer already on its way is kept; the next request is for the new view.
    expect(t.have.get('0/0/0')).toBe('a');
    expect(t.asked).toEqual(['0/0/0', '0/5/0']);
  });

  it('leaves a failed tile failed until the view moves, then asks again', async () => {
    const t = setup(2);
    t.want([tile(0)]);
    await t.answer('0/0/0', null);
    expect(t.requests.state('0/0/0')).toBe('failed');
    expect(t.settled).toEqual([['0/0/0', null]]);
    // Redrawing the same view (e.g. another tile arrived) does not ask again.
    t.want([tile(0)]);
    expect(t.asked).toEqual(['0/0/0']);
    t.want([tile(0)], true);
    expect(t.asked).toEqual(['0/0/0', '0/0/0']);
    expect(t.requests.state('0/0/0')).toBe('loading');
    await t.answer('0/0/0', 'a');
    expect(t.requests.state('0/0/0')).toBeNull();
    expect(t.have.get('0/0/0')).toBe('a');
  });

  it('treats a fetcher that throws as a failure and keeps going', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const settled: (string | null)[] = [];
      const requests = new TileRequests<string>(
        (coord) =>
          coord.column === 0 ? Promise.reject(new Error('boom')) : Promise.resolve('fine'),
        (_coord, value) => settled.push(value),
        1,
      );
      requests.want([tile(0), tile(1)], () => false, false);
      await new Promise((done) => setTimeout(done, 0));
      await new Promise((done) => setTimeout(done, 0));
      expect(settled).toEqual([null, 'fine']);
      expect(requests.state('0/0/0')).toBe('failed');
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });

  it('ignores answers after close and asks for nothing more', async () => {
    const t = setup(1);
    t.want([tile(0), tile(1)]);
    t.requests.close();
    await t.answer('0/0/0', 'a');
    expect(t.settled).toEqual([]);
    t.want([tile(2)]);
    expect(t.asked).toEqual(['0/0/0']);
  });
});
