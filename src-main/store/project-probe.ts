// Looking at a project file before touching it. A file from a newer studio, or a damaged one,
// must be refused without a single byte changed: the person may still rescue it elsewhere.
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from './connection';
import { userVersion } from './connection';
import { LATEST_SCHEMA_VERSION, newerProjectError } from './migrate';
import { MESSAGES, StoreError, translateError } from './store-error';

export type ProbeResult =
  | { kind: 'absent' }
  /** An empty SQLite file (e.g. left by a create that was interrupted): no project yet. */
  | { kind: 'empty' }
  /** A SQLite file that is not a studio project. */
  | { kind: 'foreign' }
  | { kind: 'project'; version: number };

/**
 * With no -wal file, a read-write connection that only reads leaves the file byte-identical
 * and removes the -wal/-shm files it made when it closes (a read-only one would leave them
 * behind). With a -wal file present, closing a read-write connection would checkpoint it into
 * the main file, so a read-only connection looks instead.
 */
function openForLooking(file: string): Db {
  const readonly = existsSync(`${file}-wal`);
  return new Database(file, { readonly, fileMustExist: true });
}

export function probeProjectFile(file: string): ProbeResult {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) return { kind: 'absent' };
  if (!stats.isFile()) return { kind: 'foreign' };
  let db: Db | undefined;
  try {
    db = openForLooking(file);
    const version = userVersion(db);
    if (version === 0) {
      const objects =
        db.prepare<[], number>('SELECT count(*) FROM sqlite_schema').pluck().get() ?? 0;
      return { kind: objects === 0 ? 'empty' : 'foreign' };
    }
    if (version > LATEST_SCHEMA_VERSION) throw newerProjectError(version, LATEST_SCHEMA_VERSION);
    const problems = integrityProblems(db);
    if (problems.length > 0) {
      throw new StoreError('project-corrupt', MESSAGES.corrupt, {
        cause: new Error(problems.join('\n')),
      });
    }
    return { kind: 'project', version };
  } catch (error) {
    throw translateError(error);
  } finally {
    db?.close();
  }
}

/** The rows of PRAGMA integrity_check other than a lone 'ok'. */
export function integrityProblems(db: Db): string[] {
  const rows = integrityCheck(db);
  return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
}

export function integrityCheck(db: Db): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((row) => row.integrity_check);
}
