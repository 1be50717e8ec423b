// serveJobs' logic over a fake parent link: what the child sends, in what order.
import { describe, expect, it } from 'vitest';
import {
  serveJobsOn,
  type JobContext,
  type JobHandlers,
} from '../../../src-main/compute/job-registry';
import type { ParentLink } from '../../../src-main/compute/parent-link';
import type { ChildMessage } from '../../../src-main/compute/protocol';

const flush = () => new Promise((resolve) => setImmediate(resolve));

function fakeLink() {
  const sent: ChildMessage[] = [];
  const exits: number[] = [];
  let onMessage: (message: unknown) => void = () => {};
  let onDisconnect: () => void = () => {};
  const link: ParentLink = {
    send: (message) => {
      // Like structured clone, refuse functions.
      if (JSON.stringify(message, (_k, v: unknown) => (typeof v === 'function' ? fail() : v))) {
        sent.push(message);
      }
    },
    onMessage: (listener) => (onMessage = listener),
    onDisconnect: (listener) => (onDisconnect = listener),
    exit: async (code) => {
      exits.push(code);
      return new Promise<never>(() => {});
    },
  };
  const fail = () => {
    throw new Error('could not be cloned');
  };
  return {
    link,
    sent,
    exits,
    parent: (message: unknown) => onMessage(message),
    disconnect: () => onDisconnect(),
    results: () => sent.filter((m) => m.kind === 'result'),
  };
}

/** A job that waits until released or cancelled; the test holds the strings. */
function controllable() {
  let release!: (value: string) => void;
  let context!: JobContext<number>;
  const job = (_payload: unknown, ctx: JobContext<number>) => {
    context = ctx;
    return new Promise<string>((resolve, reject) => {
      release = resolve;
      ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  };
  return { job, release: (v: string) => release(v), context: () => context };
}

describe('serveJobsOn', () => {
  it('says ready once, naming its jobs, before any request', () => {
    const { link, sent } = fakeLink();
    serveJobsOn(link, { train: async () => 1, predict: async () => 2 });
    expect(sent).toEqual([
      { kind: 'ready', info: { pid: process.pid, jobs: ['train', 'predict'] } },
    ]);
  });

  it('passes the payload, sends progress in order, then the result, then nothing more', async () => {
    const { link, sent, parent } = fakeLink();
    const slow = controllable();
    serveJobsOn(link, { slow: slow.job });
    parent({ kind: 'request', seq: 7, job: 'slow', payload: null });
    await flush();
    slow.context().progress(1);
    slow.context().progress(2);
    slow.release('done');
    await flush();
    slow.context().progress(3); // too late: the request has been answered
    expect(sent.slice(1)).toEqual([
      { kind: 'progress', seq: 7, data: 1 },
      { kind: 'progress', seq: 7, data: 2 },
      { kind: 'result', seq: 7, ok: true, value: 'done' },
    ]);
  });

  it('aborts the signal on cancel and answers cancelled, whatever the job threw', async () => {
    const { link, parent, results } = fakeLink();
    const slow = controllable();
    serveJobsOn(link, { slow: slow.job });
    parent({ kind: 'request', seq: 1, job: 'slow', payload: null });
    await flush();
    parent({ kind: 'cancel', seq: 1 });
    expect(slow.context().signal.aborted).toBe(true);
    await flush();
    expect(results()).toEqual([
      {
        kind: 'result',
        seq: 1,
        ok: false,
        error: { code: 'cancelled', message: 'The task was cancelled.' },
      },
    ]);
  });

  it('answers a result that cannot be cloned with internal, and logs why', async () => {
    const { link, parent, sent, results } = fakeLink();
    serveJobsOn(link, { fn: async () => ({ callback: () => 1 }) } as JobHandlers);
    parent({ kind: 'request', seq: 1, job: 'fn', payload: null });
    await flush();
    expect(results()).toMatchObject([{ seq: 1, ok: false, error: { code: 'internal' } }]);
    expect(sent).toContainEqual({
      kind: 'log',
      level: 'error',
      message: expect.stringMatching(/"fn" returned a value that cannot be sent/),
    });
  });

  it('catches a handler that throws synchronously', async () => {
    const { link, parent, results } = fakeLink();
    const sync = (() => {
      throw new Error('sync bug');
    }) as unknown as JobHandlers[string];
    serveJobsOn(link, { sync });
    parent({ kind: 'request', seq: 1, job: 'sync', payload: null });
    await flush();
    expect(results()).toMatchObject([{ seq: 1, ok: false, error: { code: 'internal' } }]);
  });

  it('on shutdown aborts running jobs, lets them answer, then exits', async () => {
    const { link, parent, exits, results } = fakeLink();
    const slow = controllable();
    serveJobsOn(link, { slow: slow.job });
    parent({ kind: 'request', seq: 1, job: 'slow', payload: null });
    await flush();
    parent({ kind: 'shutdown' });
    expect(slow.context().signal.aborted).toBe(true);
    await flush();
    expect(results()).toMatchObject([{ seq: 1, error: { code: 'cancelled' } }]);
    expect(exits).toEqual([0]);
  });

  it('exits after a grace when a job ignores its abort and the parent has gone', async () => {
    const { link, disconnect, exits, parent } = fakeLink();
    serveJobsOn(link, { stuck: () => new Promise<never>(() => {}) }, { settleMs: 20 });
    parent({ kind: 'request', seq: 1, job: 'stuck', payload: null });
    disconnect();
    await flush();
    expect(exits).toEqual([]);
    await expect.poll(() => exits, { timeout: 10_000 }).toEqual([0]);
  });

  it('ignores a message it does not understand', async () => {
    const { link, parent, sent } = fakeLink();
    serveJobsOn(link, {});
    parent({ kind: 'request', seq: 0, job: 'x', payload: 1 });
    await flush();
    expect(sent.at(-1)).toMatchObject({ kind: 'log', level: 'warn' });
  });
});
