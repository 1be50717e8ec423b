// Shared by the compute integration tests: a client on a fixture worker that records its log,
// and a liveness probe for process ids.
import { fileURLToPath } from 'node:url';
import {
  ComputeClient,
  type ComputeClientOptions,
  type ComputeLogEntry,
} from '../../../src-main/compute';

export const ECHO_WORKER = fileURLToPath(new URL('./fixtures/echo-worker.ts', import.meta.url));
export const SILENT_WORKER = fileURLToPath(new URL('./fixtures/silent-worker.ts', import.meta.url));
export const FORGETFUL_PARENT = fileURLToPath(
  new URL('./fixtures/forgetful-parent.ts', import.meta.url),
);

const clients: ComputeClient[] = [];

export function makeClient(options: Partial<ComputeClientOptions> = {}) {
  const logs: ComputeLogEntry[] = [];
  const client = new ComputeClient({ entry: ECHO_WORKER, onLog: (e) => logs.push(e), ...options });
  clients.push(client);
  return { client, logs };
}

/** For afterEach: no test leaves a compute process behind. */
export async function disposeClients(): Promise<void> {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Settles with the rejection so a test can look at it; fails the test if it resolves. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string }> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
}
