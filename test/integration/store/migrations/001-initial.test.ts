// Migration 1: an empty file (version 0) becomes the first project format.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConnection } from '../../../../src-main/store/connection';
import type { Db } from '../../../../src-main/store/connection';
import { migrate } from '../../../../src-main/store/migrate';
import { MIGRATIONS } from '../../../../src-main/store/migrations';
import { tempDir } from '../fixtures';

const VERSION = 1;

function columns(db: Db, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);
}

function foreignKeys(db: Db, table: string): { from: string; table: string; on_delete: string }[] {
  return (
    db.pragma(`foreign_key_list(${table})`) as { from: string; table: string; on_delete: string }[]
  ).map(({ from, table: target, on_delete }) => ({ from, table: target, on_delete }));
}

function sqliteCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
  return 'no error';
}

const IMAGE_ROW = {
  source_path: '/data/a.tif',
  content_hash: 'ab'.repeat(32),
  file_size: 10,
  file_mtime_ms: 1.5,
  width: 300,
  height: 200,
  pages: 1,
  channels: 1,
  bit_depth: 8,
  sample_format: 'uint',
  display_low: 0,
  display_high: 255,
  thumbnail: Buffer.from([1, 2, 3]),
  thumb_width: 1,
  thumb_height: 1,
  added_at: '2024-01-01T00:00:00.000Z',
};

function insertImage(db: Db, overrides: Partial<typeof IMAGE_ROW> = {}): number {
  const row = { ...IMAGE_ROW, ...overrides };
  const names = Object.keys(row);
  return Number(
    db
      .prepare(
        `INSERT INTO images (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
      )
      .run(row).lastInsertRowid,
  );
}

describe(`migration ${VERSION}: initial`, () => {
  let db: Db;

  beforeEach(() => {
    db = openConnection(join(tempDir(), 'project.sqlite'), { create: true });
    // Version N-1 of this migration is the empty file.
    migrate(db, MIGRATIONS.slice(0, VERSION - 1));
    expect(db.pragma('user_version', { simple: true })).toBe(VERSION - 1);
    expect(migrate(db, MIGRATIONS.slice(0, VERSION))).toEqual({ from: VERSION - 1, to: VERSION });
  });
  afterEach(() => db.close());

  it('sets user_version and makes every table STRICT', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(VERSION);
    const tables = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all();
    expect(tables).toEqual(
      [
        'classes',
        'images',
        'label_revisions',
        'label_tiles',
        'models',
        'predictions',
        'project',
        'settings',
        'training_runs',
      ].map((name) => ({ name, strict: 1 })),
    );
  });

  it('has the expected columns', () => {
    expect(columns(db, 'project')).toEqual(['id', 'name', 'created_at']);
    expect(columns(db, 'images')).toEqual([
      'id',
      'source_path',
      'content_hash',
      'file_size',
      'file_mtime_ms',
      'width',
      'height',
      'pages',
      'channels',
      'bit_depth',
      'sample_format',
      'display_low',
      'display_high',
      'thumbnail',
      'thumb_width',
      'thumb_height',
      'status',
      'added_at',
    ]);
    expect(columns(db, 'classes')).toEqual(['class_index', 'name', 'colour']);
    expect(columns(db, 'label_tiles')).toEqual(['image_id', 'page', 'tx', 'ty', 'data']);
    expect(columns(db, 'label_revisions')).toEqual(['image_id', 'page', 'revision', 'updated_at']);
    expect(columns(db, 'training_runs')).toEqual([
      'id',
      'config',
      'seed',
      'status',
      'history',
      'error',
      'created_at',
      'started_at',
      'finished_at',
    ]);
    expect(columns(db, 'models')).toEqual([
      'id',
      'name',
      'created_at',
      'dir',
      'config',
      'training_run_id',
      'metrics',
    ]);
    expect(columns(db, 'predictions')).toEqual([
      'id',
      'image_id',
      'model_id',
      'page',
      'created_at',
      'data',
      'metrics',
    ]);
    expect(columns(db, 'settings')).toEqual(['key', 'value']);
  });

  it('ties labels and predictions to their image and model', () => {
    expect(foreignKeys(db, 'label_tiles')).toEqual([
      { from: 'image_id', table: 'images', on_delete: 'CASCADE' },
    ]);
    expect(foreignKeys(db, 'label_revisions')).toEqual([
      { from: 'image_id', table: 'images', on_delete: 'CASCADE' },
    ]);
    expect(foreignKeys(db, 'predictions')).toEqual(
      expect.arrayContaining([
        { from: 'image_id', table: 'images', on_delete: 'CASCADE' },
        { from: 'model_id', table: 'models', on_delete: 'CASCADE' },
      ]),
    );
    expect(foreignKeys(db, 'models')).toEqual([
      { from: 'training_run_id', table: 'training_runs', on_delete: 'SET NULL' },
    ]);

    const imageId = insertImage(db);
    db.prepare("INSERT INTO label_tiles VALUES (?, 0, 0, 0, x'01')").run(imageId);
    db.prepare('DELETE FROM images WHERE id = ?').run(imageId);
    expect(db.prepare('SELECT count(*) FROM label_tiles').pluck().get()).toBe(0);
    expect(
      sqliteCode(() => db.prepare("INSERT INTO label_tiles VALUES (999, 0, 0, 0, x'01')").run()),
    ).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
  });

  it('refuses rows that break the format', () => {
    const check = 'SQLITE_CONSTRAINT_CHECK';
    expect(sqliteCode(() => insertImage(db, { content_hash: 'XYZ' }))).toBe(check);
    expect(sqliteCode(() => insertImage(db, { bit_depth: 12 }))).toBe(check);
    expect(sqliteCode(() => insertImage(db, { sample_format: 'complex' }))).toBe(check);
    expect(sqliteCode(() => insertImage(db, { display_low: 5, display_high: 5 }))).toBe(check);
    expect(sqliteCode(() => insertImage(db, { width: 2.5 }))).toBe('SQLITE_CONSTRAINT_DATATYPE'); // STRICT
    const addClass = (index: number, name: string, colour: string) =>
      sqliteCode(() => db.prepare('INSERT INTO classes VALUES (?, ?, ?)').run(index, name, colour));
    expect(addClass(0, 'Unlabelled', '#000000')).toBe(check);
    expect(addClass(256, 'Too high', '#000000')).toBe(check);
    expect(addClass(1, 'Cell', 'green')).toBe(check);
    expect(addClass(1, 'Cell', '#00ff00')).toBe('no error');
    expect(addClass(2, 'CELL', '#00ff00')).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(addClass(1, 'Nucleus', '#0000ff')).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(sqliteCode(() => db.prepare("INSERT INTO settings VALUES ('k', '{oops')").run())).toBe(
      check,
    );
    expect(
      sqliteCode(() =>
        db
          .prepare(
            "INSERT INTO training_runs (config, seed, status, created_at) VALUES ('{}', 1, 'paused', 'now')",
          )
          .run(),
      ),
    ).toBe(check);
    expect(
      sqliteCode(() => db.prepare("INSERT INTO project VALUES (2, 'Second', 'now')").run()),
    ).toBe(check);
  });

  it('leaves a sound file', () => {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // And the file is a plain SQLite database another tool can read.
    const reader = new Database(db.name, { readonly: true });
    expect(reader.pragma('user_version', { simple: true })).toBe(VERSION);
    reader.close();
  });
});
