import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isSupportedImageName } from '../imaging/decode';
import { AppError } from '../ipc/app-error';

/** Natural order, so `2.png` comes before `10.png` (slice stacks are rarely zero-padded). */
export const naturalCompare = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })
  .compare;

/**
 * The image files directly inside a folder, in natural order. Hidden files and names the
 * studio cannot read by extension are left out; a bad file with an image extension is kept so
 * the import can report it by name.
 */
export async function listImageFiles(folder: string): Promise<string[]> {
  let info;
  try {
    info = await stat(folder);
  } catch {
    throw new AppError('not-found', `The folder "${folder}" does not exist or cannot be opened.`);
  }
  if (!info.isDirectory()) {
    throw new AppError(
      'not-found',
      `"${folder}" is a file, not a folder. Choose the folder that holds the images.`,
    );
  }
  return (await imageFileNames(folder)).map((name) => join(folder, name));
}

/**
 * Names of the image files directly inside a folder (by extension), in natural order. Symbolic
 * links to files count as files: people link images into folders to make training splits.
 */
export async function imageFileNames(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !isSupportedImageName(entry.name)) continue;
    if (entry.isFile()) names.push(entry.name);
    else if (entry.isSymbolicLink()) {
      const target = await stat(join(folder, entry.name)).catch(() => undefined);
      if (target?.isFile()) names.push(entry.name);
    }
  }
  return names.sort(naturalCompare);
}
