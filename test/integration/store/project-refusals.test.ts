// Files the studio must refuse without changing a byte: from a newer studio, or damaged.
import { openSync, readdirSync, readFileSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  PROJECT_FILE,
  ProjectStore,
  StoreError,
} from '../../../src-main/store';
import { sampleImage, tempDir } from './fixtures';

function refusal(dir: string): StoreError {
  try {
    ProjectStore.open(dir).close();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected open to refuse');
}

/** The folder's listing and the project file's bytes, to show that nothing changed. */
function snapshot(dir: string): { files: string[]; bytes: Buffer } {
  return { files: readdirSync(dir).sort(), bytes: readFileSync(join(dir, PROJECT_FILE)) };
}

/** A closed project with enough label tiles that its tables span many pages. */
function projectWithLabels(dir: string): void {
  const store = ProjectStore.create(dir);
  const image = store.addImage(sampleImage({ width: 2048, height: 1024, pages: 1 }));
  let seed = 1;
  const noisyTile = (): Uint8Array =>
    Uint8Array.from({ length: 256 * 256 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 3;
    });
  for (let tx = 0; tx < 8; tx++) {
    store.writeLabelTiles(
      image.id,
      0,
      [0, 1, 2, 3].map((ty) => ({ tx, ty, data: noisyTile() })),
    );
  }
  store.close();
}

describe('refusing projects the studio cannot safely open', () => {
  it('refuses a project from a newer studio and leaves it byte-identical', () => {
    const dir = tempDir();
    ProjectStore.create(dir).close();
    const raw = new Database(join(dir, PROJECT_FILE));
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const before = snapshot(dir);

    const error = refusal(dir);
    expect(error.code).toBe('project-newer');
    expect(error.message).toBe(
      `This project was saved by a newer version of U-Net Studio (format ${LATEST_SCHEMA_VERSION + 1}); this version reads up to ${LATEST_SCHEMA_VERSION}. Update the studio to open it.`,
    );
    expect(snapshot(dir)).toEqual(before);
    expect(refusal(dir).code).toBe('project-newer'); // and again: still untouched
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a file that is not a database, without crashing or changing it', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, PROJECT_FILE),
      Buffer.from('this is not SQLite, just some bytes\n'.repeat(300)),
    );
    const before = snapshot(dir);
    const error = refusal(dir);
    expect(error.code).toBe('project-corrupt');
    expect(error.message).toMatch(/damaged/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a project with a damaged page, found by the integrity check', () => {
    const dir = tempDir();
    projectWithLabels(dir);
    const file = join(dir, PROJECT_FILE);
    const raw = new Database(file, { readonly: true });
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const rootPage = raw
      .prepare<[], number>("SELECT rootpage FROM sqlite_schema WHERE name = 'label_tiles'")
      .pluck()
      .get();
    raw.close();
    expect(rootPage).toBeGreaterThan(1);

    // Scribble over the b-tree page header of the label table.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(48, 0xff), 0, 48, ((rootPage ?? 0) - 1) * pageSize);
    closeSync(fd);
    const before = snapshot(dir);

    const error = refusal(dir);
    expect(error.code).toBe('project-corrupt');
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports a sound project as sound', () => {
    const dir = tempDir();
    projectWithLabels(dir);
    const store = ProjectStore.open(dir);
    expect(store.integrityCheck()).toEqual(['ok']);
    expect(store.labelledTileCount()).toBe(32);
    store.close();
  });
});
