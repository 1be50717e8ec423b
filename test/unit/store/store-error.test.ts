import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError, guarded, translateError } from '../../../src-main/store/store-error';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function codeAfterTranslation(error: unknown): string | undefined {
  const translated = translateError(error);
  return translated instanceof StoreError ? translated.code : undefined;
}

describe('translating SQLite and file errors', () => {
  it('turns a real SQLITE_FULL into disk-full with a plain message', () => {
    const db = new Database(':memory:');
    db.pragma('max_page_count = 3'); // a "disk" of three pages
    db.exec('CREATE TABLE blobs (data BLOB) STRICT');
    const error = thrownBy(() =>
      db.prepare('INSERT INTO blobs VALUES (?)').run(Buffer.alloc(100_000)),
    );
    db.close();
    expect((error as { code?: string }).code).toBe('SQLITE_FULL');
    const translated = translateError(error);
    expect(translated).toBeInstanceOf(StoreError);
    expect((translated as StoreError).code).toBe('disk-full');
    expect((translated as StoreError).message).toMatch(/disk is full/);
    expect((translated as StoreError).cause).toBe(error);
  });

  it('turns a real SQLITE_NOTADB into project-corrupt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unet-store-unit-'));
    try {
      writeFileSync(join(dir, 'x.sqlite'), 'definitely not a database, just text'.repeat(50));
      const db = new Database(join(dir, 'x.sqlite'));
      const error = thrownBy(() => db.pragma('user_version'));
      db.close();
      expect(codeAfterTranslation(error)).toBe('project-corrupt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps every family of codes', () => {
    const sqlite = (code: string) => new Database.SqliteError('message', code);
    const node = (code: string) => Object.assign(new Error('message'), { code });
    expect(codeAfterTranslation(sqlite('SQLITE_FULL'))).toBe('disk-full');
    expect(codeAfterTranslation(node('ENOSPC'))).toBe('disk-full');
    expect(codeAfterTranslation(sqlite('SQLITE_IOERR'))).toBe('io-error');
    expect(codeAfterTranslation(sqlite('SQLITE_IOERR_FSYNC'))).toBe('io-error');
    expect(codeAfterTranslation(sqlite('SQLITE_CANTOPEN'))).toBe('io-error');
    expect(codeAfterTranslation(sqlite('SQLITE_READONLY'))).toBe('io-error');
    expect(codeAfterTranslation(node('EACCES'))).toBe('io-error');
    expect(codeAfterTranslation(node('EIO'))).toBe('io-error');
    expect(codeAfterTranslation(sqlite('SQLITE_CORRUPT'))).toBe('project-corrupt');
    expect(codeAfterTranslation(sqlite('SQLITE_CORRUPT_INDEX'))).toBe('project-corrupt');
    expect(codeAfterTranslation(sqlite('SQLITE_NOTADB'))).toBe('project-corrupt');
    expect(codeAfterTranslation(sqlite('SQLITE_BUSY'))).toBe('busy');
    expect(codeAfterTranslation(sqlite('SQLITE_CONSTRAINT_FOREIGNKEY'))).toBe('not-found');
  });

  it('lets unexpected errors through unchanged, to surface as internal', () => {
    const bug = new TypeError('x is undefined');
    const syntax = new Database.SqliteError('near "SELEC": syntax error', 'SQLITE_ERROR');
    expect(translateError(bug)).toBe(bug);
    expect(translateError(syntax)).toBe(syntax);
    expect(() =>
      guarded(() => {
        throw syntax;
      }),
    ).toThrow(syntax);
    const known = new StoreError('not-found', 'gone');
    expect(translateError(known)).toBe(known);
  });
});
