// The annotation snapshot of a training run: the painted labels exactly as they were when the run
// started, one 8-bit TIFF per labelled page (values = project class indices, 0 = unpainted) and a
// manifest naming each page's source image by path and content hash. The compute process trains
// from these files, so painting on while it trains changes nothing under it, and a model can
// always be traced back to the annotation it learned from.
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ClassDef } from '../../../src-preload/contract';
import type { FilePair } from '../../engine/data/pair-files';
import { writeFileAtomic } from '../../imaging/atomic-write';
import { writeTiffFile } from '../../imaging/tiff-write';
import { AppError } from '../../ipc/app-error';
import type { ImageRecord, ProjectStore } from '../../store';
import type { ImageAccess } from '../image-access';

export const MANIFEST_FILE = 'manifest.json';

export interface SnapshotPage {
  imageId: number;
  page: number;
  /** The image's file name, as the person knows it. */
  name: string;
  sourcePath: string;
  contentHash: string;
  /** The label TIFF, relative to the snapshot folder. */
  labelFile: string;
  width: number;
  height: number;
  labelledPixels: number;
  /** Painted pixels per class index. */
  classPixels: Record<string, number>;
}

export interface SnapshotManifest {
  format: 'unet-studio-annotation-snapshot';
  version: 1;
  createdAt: string;
  classes: ClassDef[];
  /** The largest class index: the network's class count. */
  numClasses: number;
  /** Totals over `pages`: labelled pages and painted pixels. */
  annotatedImages: number;
  labelledPixels: number;
  pages: SnapshotPage[];
}

export interface AnnotationSnapshot {
  dir: string;
  manifest: SnapshotManifest;
  labelledPixels: number;
}

/** The training pairs of a snapshot that lives (or has been moved) in `dir`. */
export function snapshotPairs(manifest: SnapshotManifest, dir: string): FilePair[] {
  return manifest.pages.map((page) => ({
    name: `${page.name}${page.page > 0 ? ` (page ${page.page + 1})` : ''}`,
    image: page.sourcePath,
    page: page.page,
    label: join(dir, page.labelFile),
    contentHash: page.contentHash,
  }));
}

const NO_LABELS =
  'There is nothing to learn from yet: no image has painted labels. Paint some background and some of what you want found on at least one image, then start training.';

function listNames(records: ImageRecord[]): string {
  const names = records.slice(0, 3).map((r) => `"${basename(r.sourcePath)}"`);
  const more = records.length > 3 ? ` and ${records.length - 3} more` : '';
  return `${names.join(', ')}${more}`;
}

/** Refuses when a labelled image's file is gone or no longer the image that was painted on. */
async function requireSourcesIntact(images: ImageAccess, labelled: ImageRecord[]): Promise<void> {
  const statuses = new Map((await images.checkAll()).map((s) => [s.imageId, s.status]));
  const missing = labelled.filter((r) => statuses.get(r.id) === 'missing');
  const changed = labelled.filter((r) => statuses.get(r.id) === 'changed');
  if (missing.length > 0) {
    throw new AppError(
      'file-missing',
      `Training uses the painted images, and ${listNames(missing)} ${missing.length === 1 ? 'is' : 'are'} no longer where ${missing.length === 1 ? 'it was' : 'they were'} added from. Relink ${missing.length === 1 ? 'it' : 'them'} to the new place, then start training again.`,
    );
  }
  if (changed.length > 0) {
    throw new AppError(
      'file-changed',
      `${listNames(changed)} changed on disk since ${changed.length === 1 ? 'it was' : 'they were'} added, so the painted labels may no longer fit. Relink the original file${changed.length === 1 ? '' : 's'}, then start training again.`,
    );
  }
}

function requireTwoClasses(painted: Set<number>, classes: ClassDef[]): void {
  if (painted.size >= 2) return;
  const name = (index: number) => classes.find((c) => c.index === index)?.name ?? `class ${index}`;
  const only = [...painted][0]!;
  const other = classes.find((c) => c.index !== only);
  throw new AppError(
    'invalid-request',
    `Training needs at least two classes painted, and so far only ${name(only)} has been painted. Paint some ${other ? other.name : 'pixels of another class'} too, then start training.`,
  );
}

/**
 * Writes the snapshot of every labelled page into `dir` (created; removed again when the
 * labels cannot be trained on, with the reason in the person's words).
 */
export async function writeAnnotationSnapshot(
  store: ProjectStore,
  images: ImageAccess,
  dir: string,
): Promise<AnnotationSnapshot> {
  const classes = store.listClasses();
  if (classes.length === 0) {
    throw new AppError(
      'invalid-request',
      'The project has no classes yet. Add classes and paint them first.',
    );
  }
  const numClasses = Math.max(...classes.map((c) => c.index));
  const labelled = store.listImages().filter((r) => store.labelledTileCount(r.id) > 0);
  if (labelled.length === 0) throw new AppError('not-found', NO_LABELS);
  await requireSourcesIntact(images, labelled);

  await mkdir(dir, { recursive: true });
  try {
    const pages: SnapshotPage[] = [];
    const painted = new Set<number>();
    let labelledPixels = 0;
    for (const record of labelled) {
      // A stack has no per-page index of labelled tiles: reading an unpainted page finds no rows.
      for (let page = 0; page < record.pages; page++) {
        const map = store.readLabelMap(record.id, page);
        const histogram = new Uint32Array(256);
        for (const value of map.data) histogram[value]!++;
        const counts = new Map<number, number>();
        for (let index = 1; index < 256; index++)
          if (histogram[index]! > 0) counts.set(index, histogram[index]!);
        if (counts.size === 0) continue;
        const unknown = [...counts.keys()].find((index) => index > numClasses);
        if (unknown !== undefined) {
          throw new AppError(
            'invalid-request',
            `"${basename(record.sourcePath)}" has pixels painted with class ${unknown}, which the project no longer has. Erase them or add the class again, then start training.`,
          );
        }
        const labelFile = `image-${record.id}-page-${page}.tif`;
        await writeTiffFile(
          join(dir, labelFile),
          { width: map.width, height: map.height, data: map.data },
          { compression: 'deflate' },
        );
        const pixels = [...counts.values()].reduce((a, b) => a + b, 0);
        labelledPixels += pixels;
        for (const index of counts.keys()) painted.add(index);
        pages.push({
          imageId: record.id,
          page,
          name: basename(record.sourcePath),
          sourcePath: record.sourcePath,
          contentHash: record.contentHash,
          labelFile,
          width: map.width,
          height: map.height,
          labelledPixels: pixels,
          classPixels: Object.fromEntries([...counts].map(([k, n]) => [String(k), n])),
        });
      }
    }
    if (pages.length === 0) throw new AppError('not-found', NO_LABELS);
    requireTwoClasses(painted, classes);
    const manifest: SnapshotManifest = {
      format: 'unet-studio-annotation-snapshot',
      version: 1,
      createdAt: new Date().toISOString(),
      classes,
      numClasses,
      annotatedImages: pages.length,
      labelledPixels,
      pages,
    };
    await writeFileAtomic(
      join(dir, MANIFEST_FILE),
      new TextEncoder().encode(JSON.stringify(manifest, null, 2)),
    );
    return { dir, manifest, labelledPixels };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
