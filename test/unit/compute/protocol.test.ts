import { describe, expect, it } from 'vitest';
import { isChildMessage, isParentMessage } from '../../../src-main/compute/protocol';

describe('protocol guards', () => {
  it('accepts every well-formed parent message', () => {
    for (const message of [
      { kind: 'request', seq: 1, job: 'train', payload: { epochs: 3 } },
      { kind: 'request', seq: 2, job: 'echo', payload: undefined },
      { kind: 'cancel', seq: 1 },
      { kind: 'shutdown' },
    ]) {
      expect(isParentMessage(message), JSON.stringify(message)).toBe(true);
    }
  });

  it('refuses parent messages with a bad kind, sequence number or job', () => {
    for (const message of [
      null,
      'request',
      { kind: 'launch', seq: 1 },
      { kind: 'request', seq: 0, job: 'x', payload: 1 },
      { kind: 'request', seq: 1.5, job: 'x', payload: 1 },
      { kind: 'request', seq: '1', job: 'x', payload: 1 },
      { kind: 'request', seq: 1, job: 7, payload: 1 },
      { kind: 'request', seq: 1, job: 'x' },
      { kind: 'cancel', seq: -1 },
    ]) {
      expect(isParentMessage(message), JSON.stringify(message)).toBe(false);
    }
  });

  it('accepts every well-formed child message', () => {
    for (const message of [
      { kind: 'progress', seq: 3, data: { epoch: 1 } },
      { kind: 'result', seq: 3, ok: true, value: undefined },
      { kind: 'result', seq: 3, ok: false, error: { code: 'cancelled', message: 'Stopped.' } },
      { kind: 'ready', info: { pid: 12, jobs: ['train', 'predict'] } },
      { kind: 'log', level: 'warn', message: 'slow' },
    ]) {
      expect(isChildMessage(message), JSON.stringify(message)).toBe(true);
    }
  });

  it('refuses child messages that would resolve a request with garbage', () => {
    for (const message of [
      { kind: 'result', seq: 3, ok: true },
      { kind: 'result', seq: 3, ok: 'yes', value: 1 },
      { kind: 'result', seq: 3, ok: false, error: { code: 'oops', message: 'x' } },
      { kind: 'result', seq: 3, ok: false, error: { code: 'internal' } },
      { kind: 'result', ok: true, value: 1 },
      { kind: 'progress', seq: 3 },
      { kind: 'ready', info: { pid: 12, jobs: [1] } },
      { kind: 'log', level: 'loud', message: 'x' },
      { kind: 'request', seq: 1, job: 'x', payload: 1 },
    ]) {
      expect(isChildMessage(message), JSON.stringify(message)).toBe(false);
    }
  });
});
