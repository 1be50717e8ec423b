import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageFileNames, listImageFiles } from '../../../src-main/services/folder-listing';

const work = mkdtempSync(join(tmpdir(), 'studio-listing-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('listing a folder of images', () => {
  it('keeps image files and links to them, in natural order, and nothing else', async () => {
    const folder = join(work, 'split');
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(folder);
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'source.png'), 'x');
    writeFileSync(join(folder, '10.png'), 'x');
    writeFileSync(join(folder, '.hidden.png'), 'x');
    writeFileSync(join(folder, 'notes.txt'), 'x');
    symlinkSync(join(elsewhere, 'source.png'), join(folder, '2.png'));
    symlinkSync(elsewhere, join(folder, 'folder.png'));
    symlinkSync(join(work, 'gone.png'), join(folder, 'dangling.png'));
    mkdirSync(join(folder, 'sub.tif'));
    expect(await imageFileNames(folder)).toEqual(['2.png', '10.png']);
    expect(await listImageFiles(folder)).toEqual([join(folder, '2.png'), join(folder, '10.png')]);
  });
});
