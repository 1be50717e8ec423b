// The migration runner, with made-up migrations on an in-memory database.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src-main/store/connection';
import { LATEST_SCHEMA_VERSION, migrate } from '../../../src-main/store/migrate';
import type { Migration } from '../../../src-main/store/migrate';
import { MIGRATIONS } from '../../../src-main/store/migrations';

function step(version: number, sql: string, log: number[] = []): Migration {
  return {
    version,
    name: `step-${version}`,
    up(db) {
      log.push(version);
      db.exec(sql);
    },
  };
}

function tables(db: Db): string[] {
  return db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all();
}

describe('migrate', () => {
  it('numbers the real migrations 1, 2, 3, ... and ends at LATEST_SCHEMA_VERSION', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('applies only the pending steps, in order, and records the version', () => {
    const db = new Database(':memory:');
    const log: number[] = [];
    const steps = [
      step(1, 'CREATE TABLE a (x INTEGER) STRICT', log),
      step(2, 'CREATE TABLE b (x INTEGER) STRICT', log),
      step(3, 'CREATE TABLE c (x INTEGER) STRICT', log),
    ];
    expect(migrate(db, steps.slice(0, 1))).toEqual({ from: 0, to: 1 });
    expect(migrate(db, steps)).toEqual({ from: 1, to: 3 });
    expect(log).toEqual([1, 2, 3]);
    expect(tables(db)).toEqual(['a', 'b', 'c']);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });

  it('rolls every step back, version included, when one fails', () => {
    const db = new Database(':memory:');
    const steps = [
      step(1, 'CREATE TABLE a (x INTEGER) STRICT'),
      step(2, 'CREATE TABLE b (x INTEGER) STRICT'),
      step(3, 'THIS IS NOT SQL'),
    ];
    expect(() => migrate(db, steps)).toThrow();
    expect(tables(db)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
  });

  it('refuses a database newer than its migrations, untouched', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 5');
    expect(() => migrate(db, [step(1, 'CREATE TABLE a (x INTEGER) STRICT')])).toThrow(
      expect.objectContaining({ code: 'project-newer' }),
    );
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('writes nothing to an up-to-date database', () => {
    const db = new Database(':memory:');
    migrate(db, [step(1, 'CREATE TABLE a (x INTEGER) STRICT')]);
    const changesBefore = db.prepare('SELECT total_changes()').pluck().get();
    db.exec('CREATE TEMP TRIGGER never AFTER INSERT ON a BEGIN SELECT 1; END');
    expect(migrate(db, [step(1, 'CREATE TABLE a (x INTEGER) STRICT')])).toEqual({ from: 1, to: 1 });
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT total_changes()').pluck().get()).toBe(changesBefore);
    db.close();
  });

  it('refuses misnumbered migrations', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [step(2, 'SELECT 1')])).toThrow(/numbered 2, expected 1/);
    db.close();
  });

  it('refuses a step that leaves broken references', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = OFF');
    const steps = [
      step(
        1,
        `CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
         CREATE TABLE child (parent_id INTEGER REFERENCES parent (id)) STRICT;
         INSERT INTO child VALUES (42);`,
      ),
    ];
    expect(() => migrate(db, steps)).toThrow(/broken references/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
  });
});
