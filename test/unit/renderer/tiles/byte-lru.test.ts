import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../../../src-renderer/src/lib/tiles/byte-lru';

const bytesCache = (budget: number) => new ByteLru<Uint8Array>(budget, (v) => v.byteLength);

describe('ByteLru', () => {
  it('drops the least recently used entries once over the budget', () => {
    const cache = bytesCache(100);
    cache.set('a', new Uint8Array(40));
    cache.set('b', new Uint8Array(40));
    expect(cache.bytes).toBe(80);
    // Reading a makes b the oldest.
    expect(cache.get('a')?.byteLength).toBe(40);
    cache.set('c', new Uint8Array(40));
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
    expect(cache.bytes).toBe(80);
  });

  it('peek does not change the order', () => {
    const cache = bytesCache(100);
    cache.set('a', new Uint8Array(40));
    cache.set('b', new Uint8Array(40));
    cache.peek('a');
    cache.set('c', new Uint8Array(40));
    expect(cache.has('a')).toBe(false);
    expect(cache.has('b')).toBe(true);
  });

  it('replacing a key counts its new size only', () => {
    const cache = bytesCache(100);
    cache.set('a', new Uint8Array(40));
    cache.set('a', new Uint8Array(10));
    expect(cache.bytes).toBe(10);
    expect(cache.size).toBe(1);
  });

  it('keeps a value larger than the whole budget, alone', () => {
    const cache = bytesCache(100);
    cache.set('a', new Uint8Array(40));
    cache.set('big', new Uint8Array(150));
    expect(cache.has('a')).toBe(false);
    expect(cache.get('big')?.byteLength).toBe(150);
    expect(cache.bytes).toBe(150);
  });

  it('delete and clear give the bytes back', () => {
    const cache = bytesCache(100);
    cache.set('a', new Uint8Array(30));
    cache.set('b', new Uint8Array(20));
    expect(cache.delete('a')).toBe(true);
    expect(cache.delete('a')).toBe(false);
    expect(cache.bytes).toBe(20);
    cache.clear();
    expect(cache.bytes).toBe(0);
    expect(cache.size).toBe(0);
  });

  it('refuses a budget that holds nothing', () => {
    expect(() => bytesCache(0)).toThrow(RangeError);
  });
});
