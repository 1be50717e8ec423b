// Expected failures travel as values, never as thrown errors: the UI switches on `code` and shows
// `message` to the person. The set of codes is closed so every screen can handle every case.

export const ERROR_CODES = [
  'invalid-request', // the payload failed its schema (a bug in the caller, or a hostile caller)
  'forbidden', // the sender is not the app's own window, or the browser token is missing
  'unknown-channel',
  'unsupported', // this mode cannot do it (e.g. a native folder dialog in browser mode)
  'no-project', // no project is open, or the folder holds no project
  'project-exists',
  'project-newer', // the project was written by a newer version of the studio
  'project-corrupt',
  'not-found',
  'unreadable-image',
  'file-missing',
  'file-changed',
  'io-error',
  'disk-full',
  'cancelled',
  'busy',
  'disconnected', // the renderer lost its connection to main (browser mode's socket closed)
  'internal', // an unexpected throw; logged with its channel
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorValue {
  code: ErrorCode;
  /** One or two sentences in the person's words: what happened and what to do. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
