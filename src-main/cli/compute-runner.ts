// CLI jobs run in the compute process, as in the app: a forked child, Ctrl+C as a cancel (the
// job saves what it has), and a clear error, not a hang, if the child dies.
import { resolve } from 'node:path';
import { ComputeClient } from '../compute';

export const COMPUTE_ENTRY = resolve(import.meta.dirname, '../engine/compute-entry.ts');

export async function runComputeJob<R, G>(
  job: string,
  payload: unknown,
  onProgress: (progress: G) => void,
): Promise<R> {
  const client = new ComputeClient({
    entry: COMPUTE_ENTRY,
    onLog: (entry) => {
      if (entry.level !== 'debug') process.stderr.write(`${entry.message}\n`);
    },
  });
  const controller = new AbortController();
  const interrupt = () => {
    process.stderr.write('\nStopping after the current step (Ctrl+C again to quit at once)...\n');
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  try {
    return await client.request<R, G>(job, payload, { onProgress, signal: controller.signal });
  } finally {
    process.removeListener('SIGINT', interrupt);
    await client.dispose();
  }
}
