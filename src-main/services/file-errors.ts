import { ImageReadError } from '../imaging/errors';
import { AppError } from '../ipc/app-error';

/** A reason for one file's failure, in the person's words, for import reports and batch jobs. */
export function describeFileError(error: unknown): string {
  if (error instanceof ImageReadError) return error.reason;
  if (error instanceof AppError) return error.message;
  const code = (error as { code?: unknown })?.code;
  switch (code) {
    case 'ENOENT':
      return 'the file is no longer there';
    case 'EACCES':
    case 'EPERM':
      return 'the studio is not allowed to read this file';
    case 'EISDIR':
      return 'this is a folder, not an image file';
    case 'ENOSPC':
    case 'disk-full':
      return 'the disk is full';
    default:
      return error instanceof Error
        ? `it could not be read (${error.message})`
        : 'it could not be read';
  }
}
