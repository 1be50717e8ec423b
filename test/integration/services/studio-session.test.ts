import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../../src-main/ipc/dispatcher';
import { createHandlers } from '../../../src-main/services/handlers';
import { StudioSession } from '../../../src-main/services/studio-session';
import { ISBI_IMAGES } from '../../support/paths';
import { makeMixedFolder } from '../../support/mixed-folder';

let work: string;
let session: StudioSession;
const events: unknown[] = [];
const context: HandlerContext = {
  sender: { transport: 'browser', url: '', authenticated: true },
  emit: (_event, payload) => events.push(payload),
};
const handlers = () =>
  createHandlers(session, {
    appInfo: { mode: 'browser', version: 'test', platform: 'linux', canPickFolders: false },
  });

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'studio-session-'));
  session = new StudioSession();
  events.length = 0;
});
afterEach(() => {
  session.close();
  rmSync(work, { recursive: true, force: true });
});

describe('adding a folder of images', () => {
  it('imports the good images and reports the corrupt and empty files by name', async () => {
    const { good, bad } = makeMixedFolder(join(work, 'images'));
    session.createProject(join(work, 'project'));
    const report = await handlers()['images:add-folder']({ folder: join(work, 'images') }, context);
    expect(report.added.map((image) => image.name).sort()).toEqual([...good].sort());
    expect(report.failed.map((problem) => problem.file).sort()).toEqual(bad);
    for (const problem of report.failed) expect(problem.reason.length).toBeGreaterThan(5);
    expect(events).toHaveLength(good.length + bad.length);

    const nuclei = report.added.find((image) => image.name === 'nuclei.tif')!;
    expect(nuclei).toMatchObject({ bitDepth: 16, width: 696, height: 520, channels: 1 });
    // The 16-bit window follows the data (ids up to a few hundred), not the 0..65535 range.
    expect(nuclei.display.high).toBeLessThan(1000);
    const pixels = await handlers()['images:pixels']({ imageId: nuclei.id, page: 0 }, context);
    expect(pixels.dtype).toBe('uint16');
    expect(pixels.data.byteLength).toBe(696 * 520 * 2);

    const again = await handlers()['images:add-folder']({ folder: join(work, 'images') }, context);
    expect(again.added).toHaveLength(0);
    expect(again.alreadyPresent.sort()).toEqual([...good].sort());
  });

  it('says plainly when the folder does not exist', async () => {
    session.createProject(join(work, 'project'));
    await expect(
      handlers()['images:add-folder']({ folder: join(work, 'nope') }, context),
    ).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('does not exist'),
    });
  });

  it('keeps natural order, so 2.png comes before 10.png', async () => {
    session.createProject(join(work, 'project'));
    const report = await handlers()['images:add-folder']({ folder: ISBI_IMAGES }, context);
    expect(report.added.map((image) => image.name).slice(0, 12)).toEqual(
      ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'].map((n) => `${n}.png`),
    );
  });
});

describe('images are referenced, not copied', () => {
  it('detects a moved file, finds it again by content, and refuses a different file', async () => {
    const folder = join(work, 'images');
    mkdirSync(folder);
    for (const name of ['0.png', '1.png'])
      copyFileSync(join(ISBI_IMAGES, name), join(folder, name));
    session.createProject(join(work, 'project'));
    const [first, second] = (await handlers()['images:add-folder']({ folder }, context)).added;

    const moved = join(work, 'moved');
    renameSync(folder, moved);
    const statuses = await handlers()['images:check']({}, context);
    expect(statuses.map((s) => s.status)).toEqual(['missing', 'missing']);
    await expect(
      handlers()['images:pixels']({ imageId: first!.id, page: 0 }, context),
    ).rejects.toMatchObject({ code: 'file-missing' });

    await expect(
      handlers()['images:relink']({ imageId: first!.id, path: join(moved, '1.png') }, context),
    ).rejects.toMatchObject({ code: 'file-changed' });

    const relinked = await handlers()['images:relink-folder']({ folder: moved }, context);
    expect(relinked).toEqual({ relinked: 2, stillMissing: 0 });
    const list = await handlers()['images:list']({}, context);
    expect(list.map((image) => [image.sourcePath, image.status])).toEqual([
      [join(moved, '0.png'), 'ok'],
      [join(moved, '1.png'), 'ok'],
    ]);
    expect(second).toBeDefined();
  });

  it('flags a file whose content changed instead of using it', async () => {
    const folder = join(work, 'images');
    mkdirSync(folder);
    copyFileSync(join(ISBI_IMAGES, '0.png'), join(folder, 'a.png'));
    session.createProject(join(work, 'project'));
    const [image] = (await handlers()['images:add-folder']({ folder }, context)).added;
    copyFileSync(join(ISBI_IMAGES, '5.png'), join(folder, 'a.png'));
    await expect(
      handlers()['images:pixels']({ imageId: image!.id, page: 0 }, context),
    ).rejects.toMatchObject({ code: 'file-changed' });
    expect((await handlers()['images:list']({}, context))[0]!.status).toBe('changed');
  });
});

describe('projects', () => {
  it('starts with background and foreground classes and reopens with its images and labels', async () => {
    const dir = join(work, 'project');
    const info = session.createProject(dir, 'Nuclei');
    expect(info.classes.map((c) => c.name)).toEqual(['Background', 'Foreground']);
    const folder = join(work, 'images');
    mkdirSync(folder);
    copyFileSync(join(ISBI_IMAGES, '3.png'), join(folder, '3.png'));
    const [image] = (await handlers()['images:add-folder']({ folder }, context)).added;
    const tile = new Uint8Array(256 * 256).fill(2);
    await handlers()['labels:write-tiles'](
      { imageId: image!.id, page: 0, tiles: [{ tx: 1, ty: 0, data: tile }] },
      context,
    );
    session.close();

    const reopened = new StudioSession();
    try {
      expect(reopened.openProject(dir)).toMatchObject({ name: 'Nuclei', imageCount: 1 });
      const labels = reopened.store.readLabelMap(image!.id, 0);
      expect(labels.data[300]).toBe(2);
      expect(labels.data[0]).toBe(0);
    } finally {
      reopened.close();
    }
  });

  it('answers no-project before a project is open', async () => {
    expect(() => handlers()['images:list']({}, context)).toThrow(
      expect.objectContaining({ code: 'no-project' }),
    );
    writeFileSync(join(work, 'x'), '');
    expect(() => session.openProject(work)).toThrow(
      expect.objectContaining({ code: 'no-project' }),
    );
  });
});
