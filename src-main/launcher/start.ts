// `npm start`: build, then open the Electron window; where Electron cannot start (no display,
// binary missing or failing), say so in one line and serve the same app in the browser instead.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runBrowserMode } from '../web/browser-mode';
import { displayProblem, findElectronBinary } from './electron-availability';

const root = resolve(import.meta.dirname, '../..');
const electronDir = resolve(root, 'node_modules/electron');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
/** An Electron that dies this soon after launch did not start (missing libraries, no GPU...). */
const STARTUP_GRACE_MS = 5000;

function build(): void {
  const result = spawnSync(npx, ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed (see above); the studio cannot start.');
    process.exit(result.status ?? 1);
  }
}

function electronBinary(): string | undefined {
  const found = findElectronBinary(electronDir, process.env);
  if (found || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return found;
  // First start on a connected machine: fetch the binary, as `require('electron')` would.
  spawnSync(process.execPath, [resolve(electronDir, 'install.js')], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  return findElectronBinary(electronDir, process.env);
}

async function fallBackToBrowser(reason: string): Promise<void> {
  console.log(`Electron cannot start here (${reason}); starting browser mode instead.`);
  await runBrowserMode({ host: '127.0.0.1', port: Number(process.env.STUDIO_PORT ?? 0) });
}

build();
const problem = displayProblem(process.platform, process.env);
const binary = problem ? undefined : electronBinary();
if (problem) {
  await fallBackToBrowser(problem.reason);
} else if (!binary) {
  await fallBackToBrowser('the Electron binary is not installed and could not be downloaded');
} else {
  const startedAt = Date.now();
  const child = spawn(binary, [root], { stdio: 'inherit' });
  child.on('error', (error) => void fallBackToBrowser(`it failed to launch: ${error.message}`));
  child.on('exit', (code) => {
    if (code !== 0 && Date.now() - startedAt < STARTUP_GRACE_MS) {
      void fallBackToBrowser(`it exited with code ${code} while starting`);
    } else {
      process.exit(code ?? 0);
    }
  });
}
