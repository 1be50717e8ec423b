// ComputeClient against a hand-driven fake child: ordering, cancellation and death, exactly.
import { describe, expect, it } from 'vitest';
import { ComputeClient, type ComputeLogEntry } from '../../../src-main/compute';
import { AppError } from '../../../src-main/ipc/app-error';
import { FakeChild } from './fake-child';

const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup(options: { cancelGraceMs?: number } = {}) {
  const children: FakeChild[] = [];
  const logs: ComputeLogEntry[] = [];
  const client = new ComputeClient({
    entry: 'worker.js',
    spawn: (entry, spawnOptions) => {
      expect(entry).toBe('worker.js');
      expect(spawnOptions.execArgv).toEqual([]); // a .js entry needs no loader
      const child = new FakeChild(1000 + children.length);
      children.push(child);
      return child;
    },
    onLog: (entry) => logs.push(entry),
    cancelGraceMs: options.cancelGraceMs ?? 60_000,
  });
  const child = (i = 0) => children[i]!;
  return { client, children, child, logs };
}

/** Observes a promise's outcome without leaving an unhandled rejection. */
function track<T>(promise: Promise<T>) {
  const state: { value?: T; error?: AppError; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { value, settled: true }),
    (error: AppError) => Object.assign(state, { error, settled: true }),
  );
  return state;
}

describe('ComputeClient', () => {
  it('starts the process lazily and holds requests until it is ready', async () => {
    const { client, children, child } = setup();
    expect(children).toHaveLength(0);
    const answer = track(client.request('job', { x: 1 }));
    const second = track(client.request('job', { x: 2 }));
    expect(children).toHaveLength(1);
    expect(child().sent).toEqual([]);
    child().ready();
    expect(
      child()
        .requests()
        .map((r) => [r.seq, r.payload]),
    ).toEqual([
      [1, { x: 1 }],
      [2, { x: 2 }],
    ]);
    child().reply({ kind: 'result', seq: 2, ok: true, value: 'two' });
    child().reply({ kind: 'result', seq: 1, ok: true, value: 'one' });
    await flush();
    expect([answer.value, second.value]).toEqual(['one', 'two']);
    expect(children).toHaveLength(1);
  });

  it('holds the event loop only while requests wait', async () => {
    const { client, child } = setup();
    const answer = track(client.request('job', null));
    expect(child().keepAlive).toBe(true);
    child().ready();
    child().reply({ kind: 'result', seq: 1, ok: true, value: null });
    await flush();
    expect(answer.settled).toBe(true);
    expect(child().keepAlive).toBe(false);
  });

  it('turns an error result into an AppError with its code and message', async () => {
    const { client, child } = setup();
    const answer = track(client.request('job', null));
    child().ready();
    child().reply({
      kind: 'result',
      seq: 1,
      ok: false,
      error: { code: 'busy', message: 'Training is already running.' },
    });
    await flush();
    expect(answer.error).toBeInstanceOf(AppError);
    expect(answer.error).toMatchObject({ code: 'busy', message: 'Training is already running.' });
  });

  it('ignores messages that do not fit, late results and a second ready', async () => {
    const { client, child, logs } = setup();
    const answer = track(client.request('job', null));
    child().ready();
    child().ready();
    child().reply({ kind: 'result', seq: 1, ok: false, error: { code: 'made-up', message: 'x' } });
    child().reply({ kind: 'result', seq: 99, ok: true, value: 'stray' });
    child().reply('nonsense');
    await flush();
    expect(answer.settled).toBe(false);
    expect(child().requests()).toHaveLength(1);
    expect(logs.filter((e) => /does not fit the protocol/.test(e.message))).toHaveLength(2);
    child().reply({ kind: 'result', seq: 1, ok: true, value: 'real' });
    await flush();
    expect(answer.value).toBe('real');
  });

  it('survives a progress listener that throws', async () => {
    const { client, child, logs } = setup();
    const answer = track(
      client.request('job', null, {
        onProgress: () => {
          throw new Error('listener bug');
        },
      }),
    );
    child().ready();
    child().reply({ kind: 'progress', seq: 1, data: 1 });
    child().reply({ kind: 'result', seq: 1, ok: true, value: 'done' });
    await flush();
    expect(answer.value).toBe('done');
    expect(logs.some((e) => /listener bug/.test(e.message))).toBe(true);
  });

  it('on abort sends cancel, drops later progress, and answers cancelled even if the job finished', async () => {
    const { client, child } = setup();
    const controller = new AbortController();
    const progress: unknown[] = [];
    const answer = track(
      client.request('job', null, {
        signal: controller.signal,
        onProgress: (d) => progress.push(d),
      }),
    );
    child().ready();
    child().reply({ kind: 'progress', seq: 1, data: 'a' });
    controller.abort();
    expect(child().sent.at(-1)).toEqual({ kind: 'cancel', seq: 1 });
    child().reply({ kind: 'progress', seq: 1, data: 'b' });
    await flush();
    expect(answer.settled).toBe(false); // waits for the child to stop the job
    child().reply({ kind: 'result', seq: 1, ok: true, value: 'finished anyway' });
    await flush();
    expect(answer.error?.code).toBe('cancelled');
    expect(progress).toEqual(['a']);
  });

  it('answers cancelled after the grace when the child does not stop the job', async () => {
    const { client, child, logs } = setup({ cancelGraceMs: 10 });
    const controller = new AbortController();
    const answer = client.request('job', null, { signal: controller.signal });
    child().ready();
    controller.abort();
    await expect(answer).rejects.toMatchObject({ code: 'cancelled' });
    expect(logs.some((e) => /ignored its cancel/.test(e.message))).toBe(true);
  });

  it('cancels a request that was never sent without telling the child', async () => {
    const { client, child } = setup();
    const controller = new AbortController();
    const answer = track(client.request('job', null, { signal: controller.signal }));
    controller.abort();
    await flush();
    expect(answer.error?.code).toBe('cancelled');
    child().ready();
    expect(child().sent).toEqual([]);
  });

  it('fails every waiting request when the child dies, and starts a new child next time', async () => {
    const { client, children, child } = setup();
    const controller = new AbortController();
    const a = track(client.request('job', 1));
    const b = track(client.request('job', 2, { signal: controller.signal }));
    child().ready();
    controller.abort(); // b is being cancelled when the process dies
    expect(client.pid).toBe(1000);
    child().exit({ code: null, signal: 'SIGSEGV' });
    await flush();
    expect(a.error).toMatchObject({ code: 'internal' });
    expect(a.error?.message).toMatch(/stopped unexpectedly \(signal SIGSEGV\)/);
    expect(b.error?.code).toBe('cancelled');
    expect(client.pid).toBeUndefined();

    const c = track(client.request('job', 3));
    expect(children).toHaveLength(2);
    expect(client.pid).toBe(1001);
    child(1).ready();
    expect(child(1).requests()[0]?.seq).toBe(3); // sequence numbers are never reused
    child(1).reply({ kind: 'result', seq: 3, ok: true, value: 'ok' });
    await flush();
    expect(c.value).toBe('ok');
  });

  it('fails a request whose payload cannot be sent, and stays usable', async () => {
    const { client, child } = setup();
    const first = track(client.request('job', null));
    child().ready();
    child().sendThrows = new Error('could not be cloned');
    const unsendable = track(client.request('job', null));
    await flush();
    expect(unsendable.error?.code).toBe('internal');
    child().sendThrows = undefined;
    child().reply({ kind: 'result', seq: 1, ok: true, value: 'fine' });
    await flush();
    expect(first.value).toBe('fine');
  });

  it('fails clearly when the process cannot be spawned at all', async () => {
    const client = new ComputeClient({
      entry: 'worker.js',
      onLog: () => {},
      spawn: () => {
        throw new Error('spawn EACCES');
      },
    });
    await expect(client.request('job', null)).rejects.toMatchObject({
      code: 'internal',
      message: 'The compute process could not be started (spawn EACCES).',
    });
  });

  it('dispose answers waiting requests, asks the child to exit, and refuses new work', async () => {
    const { client, child } = setup();
    const answer = track(client.request('job', null));
    child().ready();
    const disposed = client.dispose();
    expect(child().sent.at(-1)).toEqual({ kind: 'shutdown' });
    expect(child().keepAlive).toBe(true);
    child().exit({ code: 0, signal: null });
    await disposed;
    expect(answer.error?.code).toBe('cancelled');
    expect(child().kills).toEqual([]);
    await expect(client.request('job', null)).rejects.toMatchObject({ code: 'internal' });
  });

  it('forwards output lines and child log messages with their source', () => {
    const { client, child, logs } = setup();
    void client.request('job', null).catch(() => {});
    child().print('stderr', 'W tensorflow: slow');
    child().reply({ kind: 'log', level: 'info', message: 'epoch 1' });
    expect(logs).toContainEqual({ level: 'warn', message: 'W tensorflow: slow', source: 'stderr' });
    expect(logs).toContainEqual({ level: 'info', message: 'epoch 1', source: 'child' });
  });
});
