// The parent's view of one compute process, whatever started it: `child_process.fork` here, or
// Electron's `utilityProcess` through `utility-process-child.ts`. ComputeClient only ever sees
// this interface, so the shell can swap the way the process is started.
import type { ParentMessage } from './protocol';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The process could not be started at all (no such file, no permission). */
  error?: Error;
}

export type OutputStream = 'stdout' | 'stderr';

export interface ChildLike {
  readonly pid: number | undefined;
  /** Throws if the message cannot be cloned; a closed channel ends in `onExit` instead. */
  send(message: ParentMessage): void;
  kill(signal?: NodeJS.Signals): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Whole lines the process wrote to stdout or stderr (console.log, native library warnings). */
  onOutput(listener: (stream: OutputStream, line: string) => void): void;
  /** Called exactly once, when the process has ended or failed to start. */
  onExit(listener: (exit: ChildExit) => void): void;
  /** Whether the child keeps this process's event loop alive (it should only while it works). */
  setKeepAlive(keepAlive: boolean): void;
}

export interface SpawnOptions {
  execArgv: string[];
  env: NodeJS.ProcessEnv;
}

export type SpawnChild = (entry: string, options: SpawnOptions) => ChildLike;

/** Calls `onLine` for each line of a text stream, including a last line without a newline. */
export function readLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split(/\r?\n/);
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (partial) onLine(partial);
    partial = '';
  });
}

/** Calls each listener once with the first exit reported; later reports are dropped. */
export function exitOnce(): {
  add(listener: (exit: ChildExit) => void): void;
  report(exit: ChildExit): void;
} {
  const listeners: ((exit: ChildExit) => void)[] = [];
  let reported: ChildExit | undefined;
  return {
    add(listener) {
      if (reported) queueMicrotask(() => listener(reported!));
      else listeners.push(listener);
    },
    report(exit) {
      if (reported) return;
      reported = exit;
      for (const listener of listeners) listener(exit);
    },
  };
}
