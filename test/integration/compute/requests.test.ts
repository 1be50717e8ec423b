// Requests to a real forked compute process: values, typed arrays, progress, cancel, failures.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/ipc/app-error';
import { disposeClients, makeClient, rejectionOf } from './helpers';

afterEach(disposeClients);

describe('compute requests', () => {
  it('round-trips plain data and typed arrays intact', async () => {
    const { client } = makeClient();
    const nested = { a: [1, 'two', { three: null }], b: true, when: new Date(0) };
    expect(await client.request('echo', nested)).toEqual(nested);
    expect(await client.request('echo', undefined)).toBeUndefined();

    const bytes = new Uint8Array([0, 255, 7, 128]);
    const result = await client.request<{ sum: number; bytes: Uint8Array; isFloat32: boolean }>(
      'bytes',
      { floats: new Float32Array([1.5, 2.5, -1, 0.25]), bytes },
    );
    expect(result.sum).toBe(3.25);
    expect(result.isFloat32).toBe(true);
    expect(result.bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(result.bytes)).toEqual([0, 255, 7, 128]);
  });

  it('delivers progress in order, all of it before the result', async () => {
    const { client } = makeClient();
    const seen: number[] = [];
    const value = await client.request<number, number>(
      'slowCount',
      { n: 6 },
      {
        onProgress: (i) => seen.push(i),
      },
    );
    expect(value).toBe(6);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('answers concurrent requests each with its own result', async () => {
    const { client } = makeClient();
    const counts: number[][] = [[], []];
    const answers = await Promise.all([
      client.request('slowCount', { n: 4 }, { onProgress: (i: number) => counts[0]!.push(i) }),
      client.request('echo', 'first'),
      client.request('slowCount', { n: 2 }, { onProgress: (i: number) => counts[1]!.push(i) }),
      client.request('echo', 'second'),
    ]);
    expect(answers).toEqual([4, 'first', 2, 'second']);
    expect(counts).toEqual([
      [1, 2, 3, 4],
      [1, 2],
    ]);
  });

  it('cancels mid-way: rejects as cancelled, stops progress, and the process serves on', async () => {
    const { client } = makeClient();
    const controller = new AbortController();
    const seen: number[] = [];
    const running = client.request<number, number>(
      'slowCount',
      { n: 1_000_000 },
      {
        signal: controller.signal,
        onProgress: (i) => {
          seen.push(i);
          if (i === 3) controller.abort();
        },
      },
    );
    const pid = client.pid;
    const error = await rejectionOf(running);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('cancelled');
    expect(seen).toEqual([1, 2, 3]);
    expect(await client.request('echo', 'still here')).toBe('still here');
    expect(client.pid).toBe(pid);
  });

  it('answers a job that ignores its cancel after the grace, and keeps serving', async () => {
    const { client, logs } = makeClient({ cancelGraceMs: 200, shutdownTimeoutMs: 500 });
    const controller = new AbortController();
    const running = client.request('stubborn', null, { signal: controller.signal });
    await client.request('echo', 'started'); // the stubborn job is now in flight
    controller.abort();
    expect((await rejectionOf(running)).code).toBe('cancelled');
    expect(logs.some((e) => e.source === 'client' && /ignored its cancel/.test(e.message))).toBe(
      true,
    );
    expect(await client.request('echo', 'after')).toBe('after');
  });

  it('does not start a process for a request that is already aborted', async () => {
    const { client } = makeClient();
    const error = await rejectionOf(client.request('echo', 1, { signal: AbortSignal.abort() }));
    expect(error.code).toBe('cancelled');
    expect(client.pid).toBeUndefined();
  });

  it("passes an expected failure on with the job's own code and message", async () => {
    const { client } = makeClient();
    const error = await rejectionOf(
      client.request('fail', { code: 'not-found', message: 'That image is gone.' }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'not-found', message: 'That image is gone.' });
  });

  it('reports an unexpected throw as internal and logs the details', async () => {
    const { client, logs } = makeClient();
    const error = await rejectionOf(client.request('boom', null));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/Details are in the log/);
    expect(error.message).not.toMatch(/kaboom/);
    const logged = logs.find((e) => e.source === 'child' && e.level === 'error');
    expect(logged?.message).toMatch(/"boom".*kaboom: a bug in the job/s);
  });

  it('answers an unknown job and values that cannot cross as internal, and serves on', async () => {
    const { client, logs } = makeClient();
    expect((await rejectionOf(client.request('nope', null))).code).toBe('internal');
    expect(logs.some((e) => /no job "nope"/.test(e.message))).toBe(true);

    expect((await rejectionOf(client.request('unclonable', null))).code).toBe('internal');
    expect(
      logs.some((e) => /"unclonable" returned a value that cannot be sent/.test(e.message)),
    ).toBe(true);

    const payload = { callback: () => 1 };
    expect((await rejectionOf(client.request('echo', payload))).code).toBe('internal');
    expect(await client.request('echo', 'fine')).toBe('fine');
  });

  it("forwards the child's stdout to the log", async () => {
    const { client, logs } = makeClient();
    await client.request('say', { text: 'hello from the child' });
    // stdout and the IPC channel are separate pipes: the line may land just after the result.
    await expect
      .poll(() => logs.some((e) => e.source === 'stdout' && e.message === 'hello from the child'), {
        timeout: 10_000,
      })
      .toBe(true);
  });
});
