// Starts the compute process with `child_process.fork`: the server, the CLI and the tests.
import { fork } from 'node:child_process';
import { exitOnce, readLines, type ChildLike, type SpawnChild } from './child-handle';

export const forkChild: SpawnChild = (entry, options) => {
  const child = fork(entry, [], {
    execArgv: options.execArgv,
    env: options.env,
    // Structured clone instead of JSON: typed arrays arrive as typed arrays.
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exit = exitOnce();
  let reportError: ((line: string) => void) | undefined;

  child.on('exit', (code, signal) => exit.report({ code, signal }));
  child.on('error', (error) => {
    if (child.pid === undefined) {
      exit.report({ code: null, signal: null, error });
      return;
    }
    // After a successful start this is rare (a failed kill). We may no longer be able to talk to
    // the process, so end it; its 'exit' then answers whatever was waiting on it.
    reportError?.(`The compute process reported an error: ${error.message}`);
    child.kill('SIGKILL');
  });
  // The channel closed but the process lives on: it can never answer. It normally exits right
  // after; if it lingers, end it so nothing waits on it.
  child.on('disconnect', () => {
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, 1_000).unref();
  });

  const handle: ChildLike = {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      // The callback turns a closed channel into an 'error'-free no-op: 'exit' follows anyway.
      child.send(message, undefined, undefined, () => {});
    },
    kill: (signal) => {
      child.kill(signal);
    },
    onMessage: (listener) => child.on('message', listener),
    onOutput: (listener) => {
      reportError = (line) => listener('stderr', line);
      if (child.stdout) readLines(child.stdout, (line) => listener('stdout', line));
      if (child.stderr) readLines(child.stderr, (line) => listener('stderr', line));
    },
    onExit: (listener) => exit.add(listener),
    setKeepAlive: (keepAlive) => {
      // The process handle, the IPC channel and both pipes each hold the event loop open.
      const handles = [child, child.channel, child.stdout, child.stderr] as (
        { ref?(): void; unref?(): void } | null | undefined
      )[];
      for (const h of handles) {
        if (keepAlive) h?.ref?.();
        else h?.unref?.();
      }
    },
  };
  return handle;
};
