import { isErrorCode, type ErrorCode } from '../../src-preload/contract';

/**
 * An expected failure, thrown by services and turned into `{ok: false, error}` by the
 * dispatcher. `message` is shown to the person as it is, so it is written in their words.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * An error that carries one of the contract's codes: AppError, or the store's and imaging's
 * own errors. A raw `ENOENT` or `SQLITE_ERROR` is not one of them: it is unexpected.
 */
export function hasErrorCode(error: unknown): error is Error & { code: ErrorCode } {
  return error instanceof Error && isErrorCode((error as { code?: unknown }).code);
}
