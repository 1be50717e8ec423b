// Small generated fixtures for the store tests: temp project folders and image records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { NewImage } from '../../../src-main/store';

const made: string[] = [];

/** A fresh folder under the OS temp dir, removed after the current test. */
export function tempDir(prefix = 'unet-store-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function sampleImage(overrides: Partial<NewImage> = {}): NewImage {
  const thumb = { width: 4, height: 3 };
  return {
    sourcePath: '/data/cells/plate1_A01.tif',
    contentHash: 'ab'.repeat(32),
    fileSize: 123_456,
    fileMtimeMs: 1_700_000_000_123.5,
    width: 600,
    height: 520,
    pages: 2,
    channels: 1,
    bitDepth: 16,
    sampleFormat: 'uint',
    displayLow: 100,
    displayHigh: 4000.5,
    thumbnail: {
      ...thumb,
      rgba: Uint8Array.from({ length: thumb.width * thumb.height * 4 }, (_, i) => (i * 37) % 256),
    },
    ...overrides,
  };
}

/** Runs `action` and returns the `code` of the error it throws; fails if it does not throw. */
export function errorCodeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
  throw new Error('expected the action to throw');
}
