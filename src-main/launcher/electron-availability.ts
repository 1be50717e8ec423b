// Can the Electron window start on this machine? Answered without touching `require('electron')`,
// which (Electron >= 42) would try to download the binary on first use.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronProblem = { reason: string } | undefined;

export function displayProblem(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): ElectronProblem {
  if (platform !== 'linux') return undefined;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return undefined;
  return { reason: 'no display: DISPLAY and WAYLAND_DISPLAY are unset' };
}

/** The Electron executable if it is installed, read the way the electron package itself does. */
export function findElectronBinary(
  electronPackageDir: string,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const pathFile = join(electronPackageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf-8').trim() : undefined;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return existsSync(candidate) ? candidate : undefined;
  }
  if (!executable) return undefined;
  const candidate = join(electronPackageDir, 'dist', executable);
  return existsSync(candidate) ? candidate : undefined;
}
