// The messages between the studio and its compute process. Plain data only: with
// `serialization: 'advanced'` (fork) or Electron's postMessage they cross as structured clones,
// so Uint8Array/Float32Array payloads arrive as typed arrays, never as JSON.
//
// Every request carries a sequence number chosen by the parent; progress, cancel and the result
// name the request by it. Nothing here knows what the jobs are.
import { isErrorCode, type ErrorValue } from '../../src-preload/contract';

export interface RequestMessage {
  kind: 'request';
  seq: number;
  job: string;
  payload: unknown;
}

export interface CancelMessage {
  kind: 'cancel';
  seq: number;
}

/** Ask the child to stop its jobs and exit; the parent kills it if it does not in time. */
export interface ShutdownMessage {
  kind: 'shutdown';
}

export type ParentMessage = RequestMessage | CancelMessage | ShutdownMessage;

export interface ProgressMessage {
  kind: 'progress';
  seq: number;
  data: unknown;
}

export type ResultMessage =
  | { kind: 'result'; seq: number; ok: true; value: unknown }
  | { kind: 'result'; seq: number; ok: false; error: ErrorValue };

export interface ReadyInfo {
  pid: number;
  jobs: string[];
}

/** Sent once, when the child listens: requests sent before it wait in the parent. */
export interface ReadyMessage {
  kind: 'ready';
  info: ReadyInfo;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogMessage {
  kind: 'log';
  level: LogLevel;
  message: string;
}

export type ChildMessage = ProgressMessage | ResultMessage | ReadyMessage | LogMessage;

const LOG_LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error'] satisfies LogLevel[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isErrorValue(value: unknown): value is ErrorValue {
  return isRecord(value) && isErrorCode(value.code) && typeof value.message === 'string';
}

// Both sides are our own code, but a message that does not fit is dropped with a log line
// rather than trusted: a malformed result must not resolve a request with garbage.
export function isParentMessage(value: unknown): value is ParentMessage {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'request':
      return isSeq(value.seq) && typeof value.job === 'string' && 'payload' in value;
    case 'cancel':
      return isSeq(value.seq);
    case 'shutdown':
      return true;
    default:
      return false;
  }
}

export function isChildMessage(value: unknown): value is ChildMessage {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'progress':
      return isSeq(value.seq) && 'data' in value;
    case 'result':
      if (!isSeq(value.seq)) return false;
      if (value.ok === true) return 'value' in value;
      return value.ok === false && isErrorValue(value.error);
    case 'ready':
      return (
        isRecord(value.info) &&
        typeof value.info.pid === 'number' &&
        Array.isArray(value.info.jobs) &&
        value.info.jobs.every((job) => typeof job === 'string')
      );
    case 'log':
      return (
        typeof value.level === 'string' &&
        LOG_LEVELS.includes(value.level) &&
        typeof value.message === 'string'
      );
    default:
      return false;
  }
}
