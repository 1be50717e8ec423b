// The compute process's life: it dies under a request, it never starts, it is disposed, its
// parent forgets it. In every case the waiting request is answered and no process is left over.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  FORGETFUL_PARENT,
  SILENT_WORKER,
  disposeClients,
  isAlive,
  makeClient,
  rejectionOf,
} from './helpers';

afterEach(disposeClients);

/** Resolves once the request's job is running in the child (its first progress event). */
function startLongCount(client: ReturnType<typeof makeClient>['client']) {
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const result = client.request('slowCount', { n: 1_000_000 }, { onProgress: () => started() });
  return { running, result };
}

describe('compute process lifecycle', () => {
  it('fails every waiting request when the process is killed, then starts a fresh one', async () => {
    const { client } = makeClient();
    const first = startLongCount(client);
    const second = startLongCount(client);
    await Promise.all([first.running, second.running]);
    const pid = client.pid!;
    process.kill(pid, 'SIGKILL');

    const errors = await Promise.all([rejectionOf(first.result), rejectionOf(second.result)]);
    for (const error of errors) {
      expect(error.code).toBe('internal');
      expect(error.message).toMatch(/compute process stopped unexpectedly/);
      expect(error.message).toMatch(/killed \(signal SIGKILL\)/);
    }
    expect(client.pid).toBeUndefined();

    expect(await client.request('echo', 'again')).toBe('again');
    expect(client.pid).toBeDefined();
    expect(client.pid).not.toBe(pid);
    expect(isAlive(pid)).toBe(false);
  });

  it('names the exit code when the process exits by itself, and keeps its stderr', async () => {
    const { client, logs } = makeClient();
    const error = await rejectionOf(client.request('crash', null));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/stopped unexpectedly \(exit code 3\)/);
    await expect
      .poll(() => logs.some((e) => e.source === 'stderr' && e.message === 'crashing on purpose'), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(await client.request('echo', 'fresh')).toBe('fresh');
  });

  it('fails clearly when the entry cannot be loaded', async () => {
    const { client, logs } = makeClient({ entry: SILENT_WORKER.replace('silent', 'missing') });
    const error = await rejectionOf(client.request('echo', 1));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/stopped while starting \(exit code 1\)/);
    await expect
      .poll(() => logs.some((e) => e.source === 'stderr' && /Cannot find module/.test(e.message)), {
        timeout: 10_000,
      })
      .toBe(true);
  });

  it('kills a process that never says ready, and fails its requests', async () => {
    const { client } = makeClient({ entry: SILENT_WORKER, startupTimeoutMs: 1_000 });
    const request = client.request('echo', 1);
    const pid = client.pid!;
    const error = await rejectionOf(request);
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/did not start within 1 second and was stopped/);
    expect(isAlive(pid)).toBe(false);
  });

  it('dispose ends the process, fails what was waiting, and refuses new requests', async () => {
    const { client } = makeClient();
    const long = startLongCount(client);
    await long.running;
    const pid = client.pid!;
    const outcome = rejectionOf(long.result);
    await client.dispose();
    expect((await outcome).code).toBe('cancelled');
    expect(isAlive(pid)).toBe(false);
    expect(client.pid).toBeUndefined();
    expect((await rejectionOf(client.request('echo', 1))).message).toMatch(/has been shut down/);
  });

  it('dispose kills a process whose job will not stop', async () => {
    const { client, logs } = makeClient({ shutdownTimeoutMs: 300 });
    void client.request('stubborn', null).catch(() => {});
    await client.request('echo', 'stubborn job is running');
    const pid = client.pid!;
    await client.dispose();
    expect(isAlive(pid)).toBe(false);
    expect(logs.some((e) => /did not exit when asked/.test(e.message))).toBe(true);
  });

  it('dispose before any request does nothing and resolves', async () => {
    const { client } = makeClient();
    await client.dispose();
    expect(client.pid).toBeUndefined();
  });

  it('an idle process does not keep its parent alive, and leaves with it', async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const parent = spawn(process.execPath, ['--import', tsx, FORGETFUL_PARENT], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // If this fails by hanging, do not leave the parent (and its child) running after the test.
    onTestFinished(() => {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
    });
    let stdout = '';
    parent.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => parent.on('exit', resolve));
    expect(code).toBe(0);
    const { pid, value } = JSON.parse(stdout) as { pid: number; value: string };
    expect(value).toBe('hi');
    await expect.poll(() => isAlive(pid), { timeout: 10_000 }).toBe(false);
  });
});
