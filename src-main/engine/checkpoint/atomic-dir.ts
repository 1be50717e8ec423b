// A checkpoint is a folder of files that must change together. It is written whole into a
// temporary folder (every file fsynced), then swapped in by renames, so a crash at any moment
// leaves either the old or the new checkpoint, never a mixture or a half-written file.
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

async function writeSynced(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open a directory for fsync; the renames still hold.
  }
}

export async function writeDirectoryAtomically(
  target: string,
  files: Record<string, Uint8Array | string>,
): Promise<void> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const temporary = `${target}.tmp-${process.pid}`;
  const previous = `${target}.old`;
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary);
  try {
    for (const [name, data] of Object.entries(files))
      await writeSynced(join(temporary, name), data);
    await syncDirectory(temporary);
  } catch (error) {
    // A full disk: give back what the half-written copy took; the old checkpoint is untouched.
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  // A crash between the two renames of an earlier write left the only whole copy in `.old`:
  // put it back before clearing `.old`, or a second crash here would leave no checkpoint at all.
  if (!existsSync(join(target, 'studio.json')) && existsSync(join(previous, 'studio.json'))) {
    await rm(target, { recursive: true, force: true });
    await rename(previous, target);
  }
  await rm(previous, { recursive: true, force: true });
  if (existsSync(target)) await rename(target, previous);
  await rename(temporary, target);
  await syncDirectory(parent);
  await rm(previous, { recursive: true, force: true });
}

/**
 * The folder to read: the target, or, if a crash came between the two renames, the previous
 * version that was moved aside. A leftover `.tmp-*` folder is never read.
 */
export function readableDirectory(target: string): string | undefined {
  if (existsSync(join(target, 'studio.json'))) return target;
  const previous = `${target}.old`;
  if (existsSync(join(previous, 'studio.json'))) return previous;
  return undefined;
}
