// The fuzz harness must catch what it exists to catch: a hang, a crash, memory outside V8's
// heap and V8 running out of heap, each reported as that case's outcome, with the next case
// running in a fresh worker. A stand-in worker misbehaves on request.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DecodeWorker } from './decode-worker';
import type { CaseOutcome } from './protocol';

const MISBEHAVING = fileURLToPath(new URL('./misbehaving.child.ts', import.meta.url));
const worker = new DecodeWorker({ timeoutMs: 1500, heapMiB: 64, rssCapMiB: 300 }, MISBEHAVING);
afterAll(() => worker.close());

function decode(fileName: string): Promise<CaseOutcome> {
  return worker.decode({ caseNumber: 1, fileName, bytes: new Uint8Array(4) });
}

describe('the fuzz worker harness', () => {
  it('passes a well-behaved case through', async () => {
    expect(await decode('fine')).toMatchObject({ kind: 'refused', reason: 'behaved' });
  });

  it.each<[string, Partial<CaseOutcome>]>([
    ['hang', { kind: 'timeout', limitMs: 1500 }],
    ['exit', { kind: 'crash', code: 3 }],
    ['big-buffer', { kind: 'memory', capMiB: 300 }],
    ['heap', { kind: 'crash' }],
  ])('reports a worker that does "%s", then runs the next case', async (how, expected) => {
    expect(await decode(how)).toMatchObject(expected);
    expect(await decode('fine')).toMatchObject({ kind: 'refused', reason: 'behaved' });
  });
});
