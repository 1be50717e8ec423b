import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClassDef } from '../../../src-preload/contract';
import { ProjectStore, StoreError } from '../../../src-main/store';
import { errorCodeOf, tempDir } from './fixtures';

const CELLS: ClassDef[] = [
  { index: 1, name: 'Background', colour: '#3b82f6' },
  { index: 2, name: 'Cell', colour: '#F59E0B' },
];

describe('classes', () => {
  let store: ProjectStore;
  beforeEach(() => {
    store = ProjectStore.create(tempDir());
  });
  afterEach(() => store.close());

  it('starts empty and returns the saved set in index order', () => {
    expect(store.listClasses()).toEqual([]);
    const saved = store.saveClasses([...CELLS].reverse());
    expect(saved).toEqual(CELLS);
    expect(store.listClasses()).toEqual(CELLS);
  });

  it('replaces the whole set, so indices and names can be swapped', () => {
    store.saveClasses(CELLS);
    const swapped = [
      { index: 1, name: 'Cell', colour: '#F59E0B' },
      { index: 2, name: 'Background', colour: '#3b82f6' },
      { index: 255, name: 'Debris', colour: '#000000' },
    ];
    expect(store.saveClasses(swapped)).toEqual(swapped);
    expect(store.saveClasses([])).toEqual([]);
  });

  it('trims names', () => {
    expect(store.saveClasses([{ index: 3, name: '  Nucleus ', colour: '#00ff00' }])).toEqual([
      { index: 3, name: 'Nucleus', colour: '#00ff00' },
    ]);
  });

  it('refuses a bad set and keeps the previous one', () => {
    store.saveClasses(CELLS);
    const refusals: [string, ClassDef[]][] = [
      ['duplicate index', [...CELLS, { index: 2, name: 'Nucleus', colour: '#00ff00' }]],
      ['duplicate name', [...CELLS, { index: 3, name: 'cell', colour: '#00ff00' }]],
      ['bad colour', [{ index: 1, name: 'Cell', colour: 'green' }]],
      ['short colour', [{ index: 1, name: 'Cell', colour: '#fff' }]],
      ['index 0 is unlabelled', [{ index: 0, name: 'Nothing', colour: '#000000' }]],
      ['index past 255', [{ index: 256, name: 'Too many', colour: '#000000' }]],
      ['empty name', [{ index: 1, name: '   ', colour: '#000000' }]],
    ];
    for (const [what, set] of refusals) {
      expect(
        errorCodeOf(() => store.saveClasses(set)),
        what,
      ).toBe('invalid-request');
    }
    expect(store.listClasses()).toEqual(CELLS);
  });

  it('explains a duplicate in words', () => {
    try {
      store.saveClasses([...CELLS, { index: 2, name: 'Nucleus', colour: '#00ff00' }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).toBe(
        'Two classes use the number 2; each class needs its own.',
      );
    }
  });
});
