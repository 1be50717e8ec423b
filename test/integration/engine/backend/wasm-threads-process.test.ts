// A process that used the threaded wasm backend must end by itself (emscripten refs the worker of
// every running pthread, which would keep Node alive), and one whose worker threads cannot start
// must fall back to one thread, say why, and still compute.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./wasm-threads-child.ts', import.meta.url));
const BREAK_WORKERS = fileURLToPath(new URL('./break-wasm-workers.mjs', import.meta.url));

interface ChildReport {
  backend: string;
  threads: number;
  skipped: { backend: string; reason: string }[];
  maxDiff: number;
  leakedTensors: number;
}

/** Runs the child; resolves with its exit code and report, or null if it is still alive at `ms`. */
function runChild(
  nodeArgs: string[],
  ms: number,
): Promise<{ code: number | null; report: ChildReport; stderr: string } | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', CHILD], {
      env: { ...process.env, STUDIO_WASM_THREADS: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, ms);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve({ code, report: JSON.parse(line) as ChildReport, stderr });
      } catch {
        reject(new Error(`child printed no report (exit ${code}): ${stdout}\n${stderr}`));
      }
    });
  });
}

describe('a process using the threaded wasm backend', () => {
  it('computes on two threads and exits by itself', async () => {
    const result = await runChild([], 20_000);
    expect(result, 'still running after 20 s').not.toBeNull();
    expect(result!.code, result!.stderr).toBe(0);
    expect(result!.report).toMatchObject({
      backend: 'wasm',
      threads: 2,
      skipped: [],
      leakedTensors: 0,
    });
    expect(result!.report.maxDiff).toBeLessThan(1e-4);
  });

  it('falls back to one thread with a reason when its workers cannot start', async () => {
    const result = await runChild(['--import', BREAK_WORKERS], 20_000);
    expect(result, 'still running after 20 s').not.toBeNull();
    expect(result!.code, result!.stderr).toBe(0);
    expect(result!.report).toMatchObject({
      backend: 'wasm',
      threads: 1,
      skipped: [
        {
          backend: 'wasm (2 threads)',
          reason: 'its worker threads did not start (the error is in the log)',
        },
      ],
      leakedTensors: 0,
    });
    expect(result!.report.maxDiff).toBeLessThan(1e-4);
    expect(result!.stderr).toContain('simulated: this worker cannot read Blobs');
  });
});
