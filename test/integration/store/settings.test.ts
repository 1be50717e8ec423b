import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../src-main/store';
import { errorCodeOf, tempDir } from './fixtures';

describe('settings', () => {
  it('stores JSON values per key, across close and open', () => {
    const dir = tempDir();
    const store = ProjectStore.create(dir);
    expect(store.getSetting('brush.size')).toBeUndefined();
    store.setSetting('brush.size', 12);
    store.setSetting('training.defaults', { epochs: 30, augment: ['flip'] });
    store.setSetting('brush.size', 16);
    store.setSetting('viewer.lastImage', null);
    store.close();

    const reopened = ProjectStore.open(dir);
    expect(reopened.getSetting('brush.size')).toBe(16);
    expect(reopened.getSetting('training.defaults')).toEqual({ epochs: 30, augment: ['flip'] });
    expect(reopened.getSetting('viewer.lastImage')).toBeNull();
    reopened.deleteSetting('brush.size');
    expect(reopened.getSetting('brush.size')).toBeUndefined();
    reopened.close();
  });

  it('refuses values JSON cannot hold and empty keys', () => {
    const store = ProjectStore.create(tempDir());
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    expect(errorCodeOf(() => store.setSetting('x', cycle))).toBe('invalid-request');
    expect(errorCodeOf(() => store.setSetting('x', undefined))).toBe('invalid-request');
    expect(errorCodeOf(() => store.setSetting('', 1))).toBe('invalid-request');
    expect(store.getSetting('x')).toBeUndefined();
    store.close();
  });
});
