// Runs the reference implementations (Python + Pillow + numpy, libtiff's tiffinfo). They are
// required, not optional: a missing tool fails the test with what to install, never skips it.
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';
const INSTALL = 'CI must install python3-pil, python3-numpy and libtiff-tools (apt-get)';

export function runPython(script: string, args: string[] = []): string {
  const result = spawnSync(PYTHON, ['-c', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 60_000,
  });
  if (result.error) throw new Error(`cannot run ${PYTHON}: ${result.error.message}; ${INSTALL}`);
  if (result.status !== 0) {
    const missing = /No module named '(PIL|numpy)'/.test(result.stderr) ? ` (${INSTALL})` : '';
    throw new Error(`${PYTHON} failed${missing}:\n${result.stderr}`);
  }
  return result.stdout;
}

export function runPythonJson<T>(script: string, args: string[] = []): T {
  return JSON.parse(runPython(script, args)) as T;
}

export function tiffinfo(path: string): { stdout: string; stderr: string } {
  const result = spawnSync('tiffinfo', [path], { encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw new Error(`cannot run tiffinfo: ${result.error.message}; ${INSTALL}`);
  if (result.status !== 0) throw new Error(`tiffinfo failed on ${path}:\n${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

/**
 * Python source that prints, for each image file given on the command line, what Pillow reads:
 * mode, size, pages and a SHA-256 over the raw samples of all pages (little endian).
 */
export const PILLOW_DIGEST = `
import hashlib, json, sys
import numpy as np
from PIL import Image, ImageSequence
out = []
for path in sys.argv[1:]:
    im = Image.open(path)
    h = hashlib.sha256()
    pages = 0
    for frame in ImageSequence.Iterator(im):
        a = np.asarray(frame)
        if a.dtype == bool:
            a = a.astype('u1') * 255
        h.update(a.astype(a.dtype.newbyteorder('<')).tobytes())
        pages += 1
    out.append({'mode': im.mode, 'width': im.size[0], 'height': im.size[1], 'pages': pages,
                'sha256': h.hexdigest()})
print(json.dumps(out))
`;

export interface PillowDigest {
  mode: string;
  width: number;
  height: number;
  pages: number;
  sha256: string;
}
