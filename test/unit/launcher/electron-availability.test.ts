import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  displayProblem,
  findElectronBinary,
} from '../../../src-main/launcher/electron-availability';

describe('electron availability', () => {
  it('needs a display on Linux only', () => {
    expect(displayProblem('linux', {})?.reason).toMatch(/no display/);
    expect(displayProblem('linux', { DISPLAY: ':0' })).toBeUndefined();
    expect(displayProblem('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeUndefined();
    expect(displayProblem('win32', {})).toBeUndefined();
  });

  it('finds the binary only when path.txt and the file both exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'electron-pkg-'));
    expect(findElectronBinary(dir, {})).toBeUndefined();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toBeUndefined();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir, {})).toBe(join(dir, 'dist', 'electron'));
    expect(
      findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'nowhere') }),
    ).toBeUndefined();
  });
});
