// Adapts an Electron `UtilityProcess` to ChildLike, so the shell can write
//   spawn: (entry, o) => adaptUtilityProcess(utilityProcess.fork(entry, [], { stdio: 'pipe', ... }))
// The shape is typed here structurally: this folder must not import `electron` (lint rule).
import { exitOnce, readLines, type ChildLike } from './child-handle';

/** The part of Electron's UtilityProcess this adapter uses. */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

export function adaptUtilityProcess(utility: UtilityProcessLike): ChildLike {
  const exit = exitOnce();
  // Electron reports only a code: a process killed by a signal does not say which one.
  utility.on('exit', (code) => exit.report({ code, signal: null }));
  return {
    get pid() {
      return utility.pid;
    },
    send: (message) => utility.postMessage(message),
    // Electron's kill() takes no signal: it always sends SIGTERM on POSIX.
    kill: () => {
      utility.kill();
    },
    onMessage: (listener) => utility.on('message', listener),
    onOutput: (listener) => {
      if (utility.stdout) readLines(utility.stdout, (line) => listener('stdout', line));
      if (utility.stderr) readLines(utility.stderr, (line) => listener('stderr', line));
    },
    onExit: (listener) => exit.add(listener),
    // Electron's app lifecycle, not the event loop, decides when the app ends.
    setKeepAlive: () => {},
  };
}
