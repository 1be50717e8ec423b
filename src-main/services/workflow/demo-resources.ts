// Where the demo's files are: beside the packaged app (electron-builder copies resources/demo to
// <resources>/demo, see electron-builder.yml), or in the repository when running from source or
// from an unpackaged build. UNET_STUDIO_DEMO_DIR overrides both (a lab's own demo, or a shell that
// unpacks resources elsewhere).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../../ipc/app-error';

export const DEMO_DIR_ENV = 'UNET_STUDIO_DEMO_DIR';

function holdsDemo(folder: string): boolean {
  return existsSync(join(folder, 'images')) && existsSync(join(folder, 'labels'));
}

/** resources/demo found by walking up from this file (src-main/... or out/main/ of a build). */
function besideSources(): string | undefined {
  let folder = import.meta.dirname;
  for (let level = 0; level < 6; level++) {
    const candidate = join(folder, 'resources', 'demo');
    if (holdsDemo(candidate)) return candidate;
    folder = dirname(folder);
  }
  return undefined;
}

export function findDemoFolder(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[DEMO_DIR_ENV];
  if (override) {
    if (holdsDemo(resolve(override))) return resolve(override);
    throw new AppError(
      'not-found',
      `${DEMO_DIR_ENV} points at ${override}, which holds no demo (an images and a labels folder).`,
    );
  }
  // Electron sets process.resourcesPath; plain Node (CLI, browser mode, tests) does not.
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && holdsDemo(join(packaged, 'demo'))) return join(packaged, 'demo');
  const source = besideSources();
  if (source) return source;
  throw new AppError(
    'not-found',
    'The demo images are missing from this installation. Reinstall U-Net Studio to get them back.',
  );
}
