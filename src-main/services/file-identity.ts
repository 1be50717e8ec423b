import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

/** Images are referenced, not copied: their content hash tells a moved file from a changed one. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** Size and modification time: a cheap first check before hashing the whole file again. */
export async function fileStamp(path: string): Promise<FileStamp | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? { size: info.size, mtimeMs: Math.floor(info.mtimeMs) } : undefined;
  } catch {
    return undefined;
  }
}

export async function hashFile(path: string): Promise<string> {
  return hashBytes(await readFile(path));
}
