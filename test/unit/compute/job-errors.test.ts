import { describe, expect, it } from 'vitest';
import { describeJobFailure } from '../../../src-main/compute/job-errors';
import { describeExit } from '../../../src-main/compute/exit-messages';
import { AppError } from '../../../src-main/ipc/app-error';

describe('describeJobFailure', () => {
  it('keeps the code and message of an error that carries a contract code', () => {
    const plain = Object.assign(new Error('The disk is full.'), { code: 'disk-full' });
    expect(describeJobFailure(new AppError('busy', 'Already training.'), false)).toEqual({
      error: { code: 'busy', message: 'Already training.' },
    });
    expect(describeJobFailure(plain, false)).toEqual({
      error: { code: 'disk-full', message: 'The disk is full.' },
    });
  });

  it('reports anything else as internal and keeps the stack for the log', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    const failure = describeJobFailure(enoent, false);
    expect(failure.error.code).toBe('internal');
    expect(failure.error.message).not.toMatch(/ENOENT/);
    expect(failure.logDetails).toMatch(/ENOENT: no such file\n\s+at /);
    expect(describeJobFailure('a string', false)).toMatchObject({
      error: { code: 'internal' },
      logDetails: 'a string',
    });
  });

  it('calls whatever a cancelled job throws a cancellation', () => {
    const failure = describeJobFailure(new AppError('io-error', 'Half written.'), true);
    expect(failure).toEqual({ error: { code: 'cancelled', message: 'The task was cancelled.' } });
  });
});

describe('describeExit', () => {
  it('says what happened in words, with the code or signal', () => {
    expect(describeExit({ code: 3, signal: null }, 'running')).toBe(
      'The compute process stopped unexpectedly (exit code 3). The task did not finish; ' +
        'starting it again uses a fresh compute process.',
    );
    expect(describeExit({ code: null, signal: 'SIGKILL' }, 'running')).toMatch(
      /killed \(signal SIGKILL\), often because the computer ran out of memory/,
    );
    expect(describeExit({ code: 1, signal: null }, 'starting')).toMatch(
      /stopped while starting \(exit code 1\)/,
    );
    const error = new Error('spawn /bin/node ENOENT');
    expect(describeExit({ code: null, signal: null, error }, 'starting')).toBe(
      'The compute process could not be started (spawn /bin/node ENOENT).',
    );
  });
});
