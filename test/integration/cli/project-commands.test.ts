import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ISBI_IMAGES } from '../../support/paths';
import { makeMixedFolder } from '../../support/mixed-folder';

const root = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'studio-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli -- project ...', () => {
  const dir = join(work, 'project');

  it('creates a project, adds a folder, and prints its info as JSON', () => {
    expect(cli('project', 'create', dir, '--name', 'EM').code).toBe(0);
    const added = cli('project', 'add-images', dir, '--from', ISBI_IMAGES);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('20 image(s) added');
    const info = cli('project', 'info', dir);
    expect(info.code).toBe(0);
    const json = JSON.parse(info.stdout);
    expect(json).toMatchObject({ name: 'EM', imageCount: 20 });
    expect(json.images).toHaveLength(20);
    expect(json.images[0]).toMatchObject({ name: '0.png', width: 512, height: 512, bitDepth: 8 });
  });

  it('reports the bad files by name and exits 2 when some could not be read', () => {
    const folder = join(work, 'mixed');
    const { good, bad } = makeMixedFolder(folder);
    const result = cli('project', 'add-images', dir, '--from', folder);
    expect(result.code).toBe(2);
    // The three EM slices are already in the project (same content), so only the TIFF is new.
    expect(result.stdout).toContain(
      `${good.length - 3} image(s) added, 3 already in the project, 2 could not be read`,
    );
    for (const name of bad)
      expect(result.stdout).toMatch(new RegExp(`${name.replace('.', '\\.')}: \\w`));
  });

  it('refuses to create over an existing project, and explains usage mistakes', () => {
    const again = cli('project', 'create', dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already/i);
    const usage = cli('project', 'add-images', dir);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('--from FOLDER');
    const missing = cli('project', 'info', join(work, 'nothing-here'));
    expect(missing.code).toBe(1);
    expect(missing.stderr.length).toBeGreaterThan(10);
  });

  it("prints a command's usage for --help, and names an unknown option without a stack trace", () => {
    const help = cli('train', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run cli -- train --images DIR');
    const wrong = cli('segment', '--model', dir, '--colour', 'red');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("Unknown option '--colour'");
    expect(wrong.stderr).toContain('npm run cli -- segment');
    expect(wrong.stderr).not.toMatch(/Unexpected failure|\n\s+at /);
    const unknown = cli('paint');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "paint"');
  });
});
