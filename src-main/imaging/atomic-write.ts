// Writing results next to a person's data must never leave half a file under the real name (a
// crash, a full disk, a pulled USB drive): write a hidden temporary file beside it, flush it to
// disk, then rename it over the target, which the file system does in one step.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The hidden temporary name used while writing `path` (same folder, so rename stays atomic). */
export function temporaryNameFor(path: string): string {
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  return join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable on Linux and macOS; Windows cannot open folders and
  // does not need it, so failures are ignored.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* not supported on this platform */
  }
}

export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = temporaryNameFor(path);
  const handle = await open(temporary, 'wx');
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}
