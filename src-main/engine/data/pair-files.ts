// Images and labels pair by base name (extension aside), in natural order so slice 2 comes
// before slice 10.
import { basename, extname, join } from 'node:path';
import { imageFileNames } from '../../services/folder-listing';

export interface FilePair {
  name: string;
  image: string;
  label: string;
  /** The page of a multi-page image that the label file belongs to (default 0). */
  page?: number;
  /** sha256 (hex) the image file must still have: training never runs on a changed file. */
  contentHash?: string;
}

export function stem(file: string): string {
  return basename(file, extname(file));
}

async function imagesIn(dir: string): Promise<string[]> {
  try {
    return await imageFileNames(dir);
  } catch (error) {
    throw new Error(`The folder ${dir} does not exist or cannot be read.`, { cause: error });
  }
}

/** Pairs, and the images that have no label file (they are left out of training). */
export async function pairImagesWithLabels(
  imagesDir: string,
  labelsDir: string,
): Promise<{ pairs: FilePair[]; unlabelled: string[] }> {
  const labels = new Map((await imagesIn(labelsDir)).map((name) => [stem(name), name]));
  const pairs: FilePair[] = [];
  const unlabelled: string[] = [];
  for (const name of await imagesIn(imagesDir)) {
    const label = labels.get(stem(name));
    if (label)
      pairs.push({ name: stem(name), image: join(imagesDir, name), label: join(labelsDir, label) });
    else unlabelled.push(name);
  }
  if (pairs.length === 0) {
    throw new Error(`No image in ${imagesDir} has a label file of the same name in ${labelsDir}.`);
  }
  return { pairs, unlabelled };
}
