// Opening the project database, and the settings every connection must have.
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Opens `file` for reading and writing with the studio's settings. Labels are hours of a
 * person's work, so a write acknowledged to the UI must survive a crash *and* a power cut:
 * WAL with synchronous=FULL syncs the log on every commit (NORMAL would only survive crashes).
 */
export function openConnection(file: string, options: { create: boolean }): Db {
  const db = new Database(file, { fileMustExist: !options.create });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    // WAL cannot work on some network drives; carrying on in another mode would silently lose
    // the durability promised above.
    if (mode !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
    db.pragma('synchronous = FULL');
    // On macOS plain fsync leaves data in the drive's cache; F_FULLFSYNC reaches the platter.
    // Elsewhere these are no-ops.
    db.pragma('fullfsync = ON');
    db.pragma('checkpoint_fullfsync = ON');
    // A long batch (a folder of predictions) can grow the log; trim it back after checkpoints.
    db.pragma('journal_size_limit = 67108864');
    db.pragma('foreign_keys = ON');
    // Another studio window or the CLI may hold the write lock briefly; wait rather than fail.
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens `file` strictly read-only, for looking at a project before deciding to touch it. */
export function openReadOnly(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true });
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
