// A file the studio cannot open is an expected outcome, not a crash: callers turn this into an
// `unreadable-image` result and show `message`, which a biologist should be able to act on.

export class ImageReadError extends Error {
  override readonly name = 'ImageReadError';
  /** The file's name as the person knows it (usually the base name). */
  readonly fileName: string;
  /** Why it failed, in plain words, without the file name. */
  readonly reason: string;

  constructor(fileName: string, reason: string, options?: { cause?: unknown }) {
    super(`${fileName}: ${reason}`, options);
    this.fileName = fileName;
    this.reason = reason;
  }
}

/** Shorthand used by the format readers: they know the reason, the caller knows the file. */
export function fail(fileName: string, reason: string, cause?: unknown): never {
  throw new ImageReadError(fileName, reason, cause === undefined ? undefined : { cause });
}
