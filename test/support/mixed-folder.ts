import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DSB_LABELS, ISBI_IMAGES } from './paths';

export const DSB_LABEL_NAME =
  '07fb37aafa6626608af90c1e18f6a743f29b6b233d2e427dcd1102df6a916cf5.tif';

/**
 * A folder as a person might have it: three good 8-bit PNGs, one 16-bit TIFF, a TIFF cut short
 * by a failed copy, an empty file, and a note that is not an image at all.
 */
export function makeMixedFolder(dir: string): { good: string[]; bad: string[] } {
  mkdirSync(dir, { recursive: true });
  for (const name of ['0.png', '1.png', '10.png'])
    copyFileSync(join(ISBI_IMAGES, name), join(dir, name));
  copyFileSync(join(DSB_LABELS, DSB_LABEL_NAME), join(dir, 'nuclei.tif'));
  const tiff = readFileSync(join(DSB_LABELS, DSB_LABEL_NAME));
  writeFileSync(join(dir, 'corrupt.tif'), tiff.subarray(0, Math.floor(tiff.length / 3)));
  writeFileSync(join(dir, 'empty.tif'), new Uint8Array(0));
  writeFileSync(join(dir, 'notes.txt'), 'imaging session 3');
  return { good: ['0.png', '1.png', '10.png', 'nuclei.tif'], bad: ['corrupt.tif', 'empty.tif'] };
}
