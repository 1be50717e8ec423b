import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  PROJECT_FILE,
  ProjectStore,
  StoreError,
} from '../../../src-main/store';
import { openConnection } from '../../../src-main/store/connection';
import { errorCodeOf, sampleImage, tempDir } from './fixtures';

describe('creating and opening projects', () => {
  it('round-trips a project through close and open', () => {
    const dir = join(tempDir(), 'Mitochondria 2024');
    const created = ProjectStore.create(dir, { name: 'Mito' });
    expect(created.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const image = created.addImage(sampleImage());
    created.saveClasses([{ index: 1, name: 'Cell', colour: '#00ff00' }]);
    const { createdAt } = created.info();
    created.close();

    expect(statSync(join(dir, PROJECT_FILE)).isFile()).toBe(true);
    expect(statSync(join(dir, 'models')).isDirectory()).toBe(true);

    const opened = ProjectStore.open(dir);
    expect(opened.dir).toBe(dir);
    expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(opened.info()).toEqual({ name: 'Mito', createdAt });
    expect(opened.listImages()).toEqual([image]);
    expect(opened.listClasses()).toEqual([{ index: 1, name: 'Cell', colour: '#00ff00' }]);
    expect(opened.integrityCheck()).toEqual(['ok']);
    opened.close();
  });

  it('names a project after its folder unless told otherwise', () => {
    const dir = join(tempDir(), 'nuclei-screen');
    const store = ProjectStore.create(dir);
    expect(store.info().name).toBe(basename(dir));
    expect(Date.parse(store.info().createdAt)).not.toBeNaN();
    store.close();
  });

  it('refuses to create a project where one already is, and leaves it alone', () => {
    const dir = tempDir();
    const first = ProjectStore.create(dir, { name: 'First' });
    first.addImage(sampleImage());
    first.close();
    expect(errorCodeOf(() => ProjectStore.create(dir, { name: 'Second' }))).toBe('project-exists');
    const reopened = ProjectStore.open(dir);
    expect(reopened.info().name).toBe('First');
    expect(reopened.imageCount()).toBe(1);
    reopened.close();
  });

  it('refuses to create over a file that is not a project', () => {
    const dir = tempDir();
    writeFileSync(join(dir, PROJECT_FILE), 'my notes, not a database');
    expect(errorCodeOf(() => ProjectStore.create(dir))).toBe('project-exists');
  });

  it('reuses an empty database file left by an interrupted create', () => {
    const dir = tempDir();
    new Database(join(dir, PROJECT_FILE)).close(); // an empty file, as SQLite makes it
    expect(errorCodeOf(() => ProjectStore.open(dir))).toBe('no-project');
    const store = ProjectStore.create(dir, { name: 'Retry' });
    expect(store.info().name).toBe('Retry');
    store.close();
  });

  it('says there is no project in an empty or missing folder', () => {
    const empty = tempDir();
    expect(errorCodeOf(() => ProjectStore.open(empty))).toBe('no-project');
    expect(errorCodeOf(() => ProjectStore.open(join(empty, 'not-there')))).toBe('no-project');
    expect(existsSync(join(empty, PROJECT_FILE))).toBe(false);
  });

  it('does not mistake another SQLite file for a project', () => {
    const dir = tempDir();
    const other = new Database(join(dir, PROJECT_FILE));
    other.exec('CREATE TABLE recipes (name TEXT)');
    other.close();
    const error = (() => {
      try {
        ProjectStore.open(dir);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('no-project');
    expect((error as StoreError).message).toMatch(/not made by U-Net Studio/);
  });

  it('refuses work after close with a plain message', () => {
    const store = ProjectStore.create(tempDir());
    store.close();
    store.close(); // closing twice is harmless
    expect(store.isOpen).toBe(false);
    expect(errorCodeOf(() => store.listImages())).toBe('no-project');
  });

  it('recreates a missing models folder on open', () => {
    const dir = tempDir();
    ProjectStore.create(dir).close();
    rmSync(join(dir, 'models'), { recursive: true });
    const store = ProjectStore.open(dir);
    expect(store.modelsDir).toBe(join(dir, 'models'));
    expect(existsSync(store.modelsDir)).toBe(true);
    store.close();
  });

  it('opens every connection with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const file = join(tempDir(), PROJECT_FILE);
    const db = openConnection(file, { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('keeps a created project in WAL mode on disk', () => {
    const dir = tempDir();
    ProjectStore.create(dir).close();
    const reader = new Database(join(dir, PROJECT_FILE), { readonly: true });
    expect(reader.pragma('journal_mode', { simple: true })).toBe('wal');
    reader.close();
  });
});
