// Expected failures of the project store, with messages written for the person at the
// microscope, not for a developer. SQLite and file-system errors that a person can act on
// (a full disk, a damaged file, a folder they cannot write) are translated here, in one place.
import type { ErrorCode } from '../../src-preload/contract';

export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const MESSAGES = {
  diskFull:
    'The disk is full, so the last change was not saved. Free some space on the drive that holds the project, then try again.',
  ioError:
    'The project file could not be read or written: the drive reported an error. Check that the drive is connected and writable, then try again.',
  corrupt:
    'The project file is damaged and cannot be opened safely. The studio has not changed it; restore the project folder from a backup.',
  busy: 'Another program is using this project right now. Close the project there, then try again.',
  closed: 'The project is closed. Open it again to continue.',
} as const;

/** Error codes SQLite (via better-sqlite3) and Node put on errors, e.g. SQLITE_IOERR_WRITE, ENOSPC. */
function systemCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The StoreError a person should see for `error`, or `error` itself when it is unexpected (a
 * bug), so that it surfaces as 'internal' and gets logged instead of being dressed up.
 */
export function translateError(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const code = systemCode(error);
  if (code === undefined) return error;
  const cause = { cause: error };
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') {
    return new StoreError('disk-full', MESSAGES.diskFull, cause);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError('project-corrupt', MESSAGES.corrupt, cause);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('busy', MESSAGES.busy, cause);
  }
  if (
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    ['EIO', 'EACCES', 'EPERM', 'EROFS'].includes(code)
  ) {
    return new StoreError('io-error', MESSAGES.ioError, cause);
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new StoreError(
      'not-found',
      'That item is no longer in the project (it may have been removed).',
      cause,
    );
  }
  return error;
}

/** Runs `work`, translating what it throws. */
export function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw translateError(error);
  }
}

export function invalid(message: string): StoreError {
  return new StoreError('invalid-request', message);
}

export function notFound(what: string): StoreError {
  return new StoreError('not-found', `${what} is not in this project (it may have been removed).`);
}
