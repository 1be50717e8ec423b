import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../src-main/store';
import { errorCodeOf, sampleImage, tempDir } from './fixtures';

describe('images', () => {
  let store: ProjectStore;
  beforeEach(() => {
    store = ProjectStore.create(tempDir());
  });
  afterEach(() => store.close());

  it('records an image by reference and reads it back', () => {
    const input = sampleImage();
    const record = store.addImage(input);
    expect(record).toMatchObject({
      sourcePath: input.sourcePath,
      contentHash: input.contentHash,
      fileSize: input.fileSize,
      fileMtimeMs: input.fileMtimeMs,
      width: 600,
      height: 520,
      pages: 2,
      channels: 1,
      bitDepth: 16,
      sampleFormat: 'uint',
      displayLow: 100,
      displayHigh: 4000.5,
      status: 'ok',
    });
    expect(record.id).toBeGreaterThan(0);
    expect(Date.parse(record.addedAt)).not.toBeNaN();
    expect(store.getImage(record.id)).toEqual(record);
    expect(store.listImages()).toEqual([record]);
    expect(store.imageCount()).toBe(1);
    expect(store.getImage(record.id + 1)).toBeUndefined();
  });

  it('keeps the thumbnail bytes exactly', () => {
    const input = sampleImage();
    const { id } = store.addImage(input);
    const thumbnail = store.getThumbnail(id);
    expect(thumbnail).toEqual({ width: 4, height: 3, rgba: input.thumbnail.rgba });
    expect(thumbnail?.rgba).toBeInstanceOf(Uint8Array);
    expect(store.getThumbnail(id + 1)).toBeUndefined();
  });

  it('finds images by content hash', () => {
    const a = store.addImage(sampleImage({ contentHash: 'aa'.repeat(32) }));
    const b = store.addImage(
      sampleImage({ contentHash: 'bb'.repeat(32), sourcePath: '/data/b.tif' }),
    );
    expect(store.findImagesByHash('bb'.repeat(32))).toEqual([b]);
    expect(store.findImagesByHash('aa'.repeat(32))).toEqual([a]);
    expect(store.findImagesByHash('cc'.repeat(32))).toEqual([]);
  });

  it('updates display range, status and location', () => {
    const { id } = store.addImage(sampleImage());
    store.setDisplayRange(id, 0.5, 99.5);
    store.setImageStatus(id, 'missing');
    expect(store.getImage(id)).toMatchObject({
      displayLow: 0.5,
      displayHigh: 99.5,
      status: 'missing',
    });
    store.relinkImage(id, '/moved/plate1_A01.tif', 777, 42.25);
    expect(store.getImage(id)).toMatchObject({
      sourcePath: '/moved/plate1_A01.tif',
      fileSize: 777,
      fileMtimeMs: 42.25,
      status: 'ok',
    });
  });

  it('refuses bad input with invalid-request and unknown images with not-found', () => {
    const { id } = store.addImage(sampleImage());
    expect(errorCodeOf(() => store.addImage(sampleImage({ contentHash: 'not-a-hash' })))).toBe(
      'invalid-request',
    );
    expect(errorCodeOf(() => store.addImage(sampleImage({ width: 0 })))).toBe('invalid-request');
    expect(errorCodeOf(() => store.addImage(sampleImage({ pages: 1.5 })))).toBe('invalid-request');
    expect(
      errorCodeOf(() => store.addImage(sampleImage({ displayLow: 10, displayHigh: 10 }))),
    ).toBe('invalid-request');
    expect(
      errorCodeOf(() =>
        store.addImage(
          sampleImage({ thumbnail: { width: 4, height: 3, rgba: new Uint8Array(5) } }),
        ),
      ),
    ).toBe('invalid-request');
    expect(errorCodeOf(() => store.setDisplayRange(id, 5, 1))).toBe('invalid-request');
    expect(errorCodeOf(() => store.setDisplayRange(id, Number.NaN, 1))).toBe('invalid-request');
    expect(errorCodeOf(() => store.setDisplayRange(id + 1, 0, 1))).toBe('not-found');
    expect(errorCodeOf(() => store.setImageStatus(id + 1, 'ok'))).toBe('not-found');
    expect(errorCodeOf(() => store.relinkImage(id + 1, '/x.tif', 1, 1))).toBe('not-found');
    expect(errorCodeOf(() => store.removeImage(id + 1))).toBe('not-found');
    expect(store.imageCount()).toBe(1);
  });

  it('removes an image', () => {
    const { id } = store.addImage(sampleImage());
    store.removeImage(id);
    expect(store.listImages()).toEqual([]);
    expect(store.getThumbnail(id)).toBeUndefined();
  });
});
