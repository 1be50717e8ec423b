// What the person reads when the compute process ends under a running task. Plain words first,
// then the technical fact in brackets for the log and for a bug report.
import type { ChildExit } from './child-handle';

const NEXT_TIME = 'The task did not finish; starting it again uses a fresh compute process.';

export function describeExit(exit: ChildExit, phase: 'starting' | 'running'): string {
  if (exit.error) {
    return `The compute process could not be started (${exit.error.message}).`;
  }
  const fact = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
  if (phase === 'starting') {
    return `The compute process stopped while starting (${fact}). Details are in the log.`;
  }
  if (exit.signal === 'SIGKILL') {
    // The kernel's out-of-memory killer is the usual sender of SIGKILL on a workstation.
    return (
      `The compute process stopped unexpectedly: it was killed (${fact}), often because the ` +
      `computer ran out of memory. ${NEXT_TIME}`
    );
  }
  return `The compute process stopped unexpectedly (${fact}). ${NEXT_TIME}`;
}

export function describeStartupTimeout(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return (
    `The compute process did not start within ${seconds} second${seconds === 1 ? '' : 's'} ` +
    'and was stopped. Details are in the log.'
  );
}

export const SHUT_DOWN_MESSAGE = 'The compute process was shut down before the task finished.';
export const DISPOSED_MESSAGE = 'The compute process has been shut down; no new tasks can start.';
