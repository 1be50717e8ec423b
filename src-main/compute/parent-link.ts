// The child's end of the channel to the studio. The same entry script runs under Electron's
// `utilityProcess` (which gives it `process.parentPort`) and under `child_process.fork` (which
// gives it `process.send`), so the job code never needs to know which.
import type { ChildMessage } from './protocol';

export interface ParentLink {
  /** Throws if the message cannot be cloned (a function, a class instance with private state). */
  send(message: ChildMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The parent went away (its end of the channel closed). Not reported under Electron. */
  onDisconnect(listener: () => void): void;
  /** Ends the process once the messages already sent have left. */
  exit(code: number): Promise<never>;
}

/** What Electron's `process.parentPort` offers; typed here so this file needs no `electron`. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

export function connectToParent(): ParentLink {
  const parentPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) return electronLink(parentPort);
  if (process.send && process.connected) return forkLink();
  throw new Error(
    'This script is a compute process: start it with ComputeClient (child_process.fork or ' +
      "Electron's utilityProcess), not directly.",
  );
}

function electronLink(port: ElectronParentPort): ParentLink {
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event) => listener(event.data)),
    // Electron ends utility processes with the app; there is no disconnect to watch.
    onDisconnect: () => {},
    exit: (code) => process.exit(code),
  };
}

function forkLink(): ParentLink {
  let inFlight = 0;
  let drained: (() => void) | undefined;
  return {
    send: (message) => {
      // The callback also reports a closed channel; without it Node would emit an unhandled
      // 'error'. It never runs synchronously, so counting after a send that did not throw is exact.
      process.send!(message, undefined, undefined, () => {
        inFlight--;
        if (inFlight === 0) drained?.();
      });
      inFlight++;
    },
    onMessage: (listener) => process.on('message', listener),
    onDisconnect: (listener) => process.on('disconnect', listener),
    exit: async (code) => {
      // process.exit() drops IPC messages still queued, e.g. the results of aborted jobs.
      if (inFlight > 0 && process.connected) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          process.once('disconnect', resolve);
        });
      }
      process.exit(code);
    },
  };
}
