// demo:create through the real handlers: a project with the four demo images copied in and a few
// strokes of both classes painted; and the committed demo files are what the generator makes
// from the shared data set, with strokes where the ground truth says they belong.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashBytes } from '../../../../src-main/services/file-identity';
import { DEFAULT_CLASSES, StudioSession } from '../../../../src-main/services/studio-session';
import {
  DEMO_IMAGES_FOLDER,
  DEMO_PROJECT_NAME,
} from '../../../../src-main/services/workflow/demo-project';
import {
  DEMO_DIR_ENV,
  findDemoFolder,
} from '../../../../src-main/services/workflow/demo-resources';
import { decodeImage } from '../../../../src-main/imaging/decode';
import { DEMO_IMAGES, makeDemoLabels } from '../../../../resources/demo/make-demo-labels';
import { DSB_IMAGES, DSB_LABELS } from '../../../support/paths';
import { connect } from './models-fixture';

const DEMO = resolve(import.meta.dirname, '../../../../resources/demo');
let work: string;
const session = new StudioSession();
const { handlers, context } = connect(session);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'studio-demo-'));
});
afterAll(async () => {
  await session.dispose();
  rmSync(work, { recursive: true, force: true });
});

const read = (path: string) => new Uint8Array(readFileSync(path));

describe('the demo project', () => {
  it('opens with four images, copied into the project, each with strokes of both classes', async () => {
    const dir = join(work, 'demo');
    const info = await handlers['demo:create']({ dir }, context);
    expect(info).toMatchObject({
      name: DEMO_PROJECT_NAME,
      imageCount: 4,
      classes: DEFAULT_CLASSES,
    });

    session.openProject(dir);
    const images = await handlers['images:list']({}, context);
    expect(images.map((image) => image.name)).toEqual(DEMO_IMAGES.map((d) => `${d.name}.png`));
    for (const image of images) {
      expect(image.sourcePath).toBe(join(dir, DEMO_IMAGES_FOLDER, image.name));
      expect(image).toMatchObject({ width: 696, height: 520, channels: 1, status: 'ok' });
      const labels = await handlers['labels:read']({ imageId: image.id, page: 0 }, context);
      const counts = [0, 0, 0];
      for (const value of labels.data) counts[value]! += 1;
      expect(counts.reduce((a, b) => a + b)).toBe(696 * 520);
      // A few strokes: both classes present, and most of the image left unpainted.
      expect(counts[1]).toBeGreaterThan(100);
      expect(counts[2]).toBeGreaterThan(50);
      expect(counts[0]! / labels.data.length).toBeGreaterThan(0.97);
      expect(labels.revision).toBe(1);
    }
  });

  it('is refused where a project exists, as project:create is, leaving that project as it was', async () => {
    const dir = join(work, 'taken');
    session.createProject(dir, 'Mine');
    session.close();
    await expect(handlers['demo:create']({ dir }, context)).rejects.toMatchObject({
      code: 'project-exists',
    });
    session.openProject(dir);
    expect(session.info()).toMatchObject({ name: 'Mine', imageCount: 0 });
  });

  it('finds its files beside the sources, or where UNET_STUDIO_DEMO_DIR says', () => {
    expect(findDemoFolder({})).toBe(DEMO);
    expect(findDemoFolder({ [DEMO_DIR_ENV]: DEMO })).toBe(DEMO);
    expect(() => findDemoFolder({ [DEMO_DIR_ENV]: work })).toThrow(
      expect.objectContaining({
        code: 'not-found',
        message: expect.stringContaining(DEMO_DIR_ENV),
      }),
    );
  });
});

describe('the committed demo files', () => {
  it('are the data set images and the strokes the generator makes, inside nuclei and on background', () => {
    for (const { name, id } of DEMO_IMAGES) {
      const image = read(join(DSB_IMAGES, `${id}.png`));
      const truth = read(join(DSB_LABELS, `${id}.tif`));
      expect(hashBytes(read(join(DEMO, 'images', `${name}.png`)))).toBe(hashBytes(image));
      const committed = read(join(DEMO, 'labels', `${name}.png`));
      expect(hashBytes(makeDemoLabels(image, truth))).toBe(hashBytes(committed));

      const strokes = decodeImage(committed, `${name}.png`).data;
      const instances = decodeImage(truth, `${id}.tif`).data;
      let misplaced = 0;
      for (let i = 0; i < strokes.length; i++) {
        if (strokes[i] === 2 && instances[i] === 0) misplaced++;
        if (strokes[i] === 1 && instances[i] !== 0) misplaced++;
      }
      expect(misplaced).toBe(0);
    }
  });
});
