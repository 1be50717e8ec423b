// The demo project offered on the start screen: four nucleus images with a few painted strokes,
// ready to train. The images are copied into the project folder (demo-images/) rather than
// referenced where the app keeps them: an AppImage mounts its resources at a new path on every
// start and an update replaces them, which would leave the project's images missing.
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ProjectInfo } from '../../../src-preload/contract';
import { decodeImage } from '../../imaging/decode';
import { AppError } from '../../ipc/app-error';
import { extractTile, tileGrid, type ImageRecord, type ProjectStore } from '../../store';
import { hashFile } from '../file-identity';
import { importFolder } from '../import-images';
import type { StudioSession } from '../studio-session';
import { findDemoFolder } from './demo-resources';

export const DEMO_PROJECT_NAME = 'Nuclei demo';
/** The folder inside the project that holds the copied demo images. */
export const DEMO_IMAGES_FOLDER = 'demo-images';

interface DemoFile {
  image: string;
  labels: string;
}

/** Every demo image with its strokes; checked before anything is created. */
async function demoFiles(folder: string): Promise<DemoFile[]> {
  const names = (await readdir(join(folder, 'images'))).filter((n) => extname(n) === '.png').sort();
  const files = names.map((name) => ({
    image: join(folder, 'images', name),
    labels: join(folder, 'labels', name),
  }));
  const labelNames = new Set(await readdir(join(folder, 'labels')));
  if (files.length === 0 || files.some((f) => !labelNames.has(basename(f.labels)))) {
    throw new AppError(
      'not-found',
      `The demo in ${folder} is incomplete (every image needs its labels). Reinstall U-Net Studio.`,
    );
  }
  return files;
}

/** Copies without replacing anything of the person's: an identical copy already there is fine. */
async function copyInto(target: string, file: string): Promise<void> {
  const destination = join(target, basename(file));
  try {
    await copyFile(file, destination, constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    if ((await hashFile(destination)) !== (await hashFile(file))) {
      throw new AppError(
        'project-exists',
        `${destination} already exists and is not the demo's image. Choose an empty folder for the demo.`,
      );
    }
  }
}

/** Paints one image's strokes: the label image's values become the page's labels. */
async function paintStrokes(
  store: ProjectStore,
  image: ImageRecord,
  labelsFile: string,
): Promise<void> {
  const raster = decodeImage(new Uint8Array(await readFile(labelsFile)), basename(labelsFile));
  if (raster.width !== image.width || raster.height !== image.height || raster.channels !== 1) {
    throw new AppError(
      'unreadable-image',
      `The demo labels ${basename(labelsFile)} do not fit their image.`,
    );
  }
  const labels = Uint8Array.from(raster.data);
  const { columns, rows } = tileGrid(image.width, image.height);
  const tiles = [];
  for (let ty = 0; ty < rows; ty++) {
    for (let tx = 0; tx < columns; tx++) {
      const data = extractTile(labels, image.width, image.height, tx, ty);
      // Unpainted tiles are not stored at all.
      if (data.some((value) => value !== 0)) tiles.push({ tx, ty, data });
    }
  }
  if (tiles.length > 0) store.writeLabelTiles(image.id, 0, tiles);
}

/**
 * Creates the demo project in `dir` (refused, as `project:create` is, where a project exists),
 * with the demo's images and strokes, and opens it. `demoFolder` defaults to findDemoFolder().
 */
export async function createDemoProject(
  session: StudioSession,
  dir: string,
  demoFolder: string = findDemoFolder(),
): Promise<ProjectInfo> {
  const files = await demoFiles(demoFolder);
  session.createProject(dir, DEMO_PROJECT_NAME);
  const store = session.store;
  const target = join(store.dir, DEMO_IMAGES_FOLDER);
  await mkdir(target, { recursive: true });
  for (const { image } of files) await copyInto(target, image);

  const report = await importFolder(store, target);
  if (report.failed.length > 0) {
    const { file, reason } = report.failed[0]!;
    throw new AppError('unreadable-image', `The demo image ${file} could not be added: ${reason}.`);
  }
  const byName = new Map(store.listImages().map((image) => [basename(image.sourcePath), image]));
  for (const { image, labels } of files) {
    const record = byName.get(basename(image));
    if (record) await paintStrokes(store, record, labels);
  }
  return session.info();
}
