import type { ErrorCode } from '../../src-preload/contract';

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

/** Duck-typed so errors of the store and imaging modules (same `code` field) pass through. */
export function hasErrorCode(error: unknown): error is Error & { code: ErrorCode } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
