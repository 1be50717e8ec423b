// Numbered migrations, Signal-style: all pending steps run in one transaction that also sets
// user_version, so a project is always at exactly one known version, even after a crash.
import type { Db } from './connection';
import { userVersion } from './connection';
import { MIGRATIONS } from './migrations';
import { StoreError } from './store-error';

export interface Migration {
  /** user_version after this step; versions are 1, 2, 3, ... with no gaps. */
  readonly version: number;
  readonly name: string;
  /**
   * Runs inside the migration transaction. foreign_keys cannot be switched off inside a
   * transaction, so a step that rebuilds a table must keep references valid as it goes;
   * `foreign_key_check` runs after the last step and refuses the lot if any are broken.
   */
  up(db: Db): void;
}

export const LATEST_SCHEMA_VERSION = latestVersion(MIGRATIONS);

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

export function newerProjectError(found: number, latest: number): StoreError {
  return new StoreError(
    'project-newer',
    `This project was saved by a newer version of U-Net Studio (format ${found}); this version reads up to ${latest}. Update the studio to open it.`,
  );
}

/**
 * Brings `db` to the latest version of `migrations` and returns the versions it went between.
 * Refuses a database newer than the code: guessing at a future format could destroy labels.
 */
export function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  migrations.forEach((migration, position) => {
    if (migration.version !== position + 1) {
      throw new Error(
        `migration ${migration.name} is numbered ${migration.version}, expected ${position + 1}`,
      );
    }
  });
  const latest = latestVersion(migrations);
  const current = userVersion(db);
  if (current > latest) throw newerProjectError(current, latest);
  // Opening an up-to-date project must not write to it.
  if (current === latest) return { from: current, to: latest };
  // IMMEDIATE takes the write lock first, so two processes cannot both migrate the same file.
  return db
    .transaction(() => {
      const from = userVersion(db); // again, now that we hold the lock
      if (from > latest) throw newerProjectError(from, latest);
      for (const migration of migrations) {
        if (migration.version > from) migration.up(db);
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`migration left ${broken.length} broken references`);
      db.pragma(`user_version = ${latest}`);
      return { from, to: latest };
    })
    .immediate();
}
