// How a job's failure becomes a result value (child side). Expected failures keep their contract
// code and message, which the person reads; anything else is a bug, reported as 'internal' with
// the details sent to the log instead of the screen, as the dispatcher does for channels.
import { isErrorCode, type ErrorValue } from '../../src-preload/contract';

export const CANCELLED_MESSAGE = 'The task was cancelled.';
export const INTERNAL_MESSAGE =
  'Something went wrong in the compute process. Details are in the log.';

export interface JobFailure {
  error: ErrorValue;
  /** Set for an unexpected throw: what to write to the log. */
  logDetails?: string;
}

/** AppError, StoreError, ImageReadError...: anything with a contract `code` and a message. */
function isAppErrorLike(error: unknown): error is { code: ErrorValue['code']; message: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    isErrorCode((error as { code?: unknown }).code) &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export function describeJobFailure(error: unknown, aborted: boolean): JobFailure {
  // Whatever a job throws once cancelled (an AbortError, a half-written file's error) is the
  // cancellation showing through, not a failure of its own.
  if (aborted) return { error: { code: 'cancelled', message: CANCELLED_MESSAGE } };
  if (isAppErrorLike(error)) return { error: { code: error.code, message: error.message } };
  const logDetails = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { error: { code: 'internal', message: INTERNAL_MESSAGE }, logDetails };
}
