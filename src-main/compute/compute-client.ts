// The parent's door to the compute process: `request(job, payload)` returns a promise that always
// settles, with the job's value, its expected failure as an AppError, 'cancelled' after an abort,
// or 'internal' when the process died under it. The process starts on the first request and
// again on the next request after it died; `dispose()` ends it.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { AppError } from '../ipc/app-error';
import type { SpawnChild } from './child-handle';
import { ComputeSession, type ComputeLogEntry } from './compute-session';
import { DISPOSED_MESSAGE } from './exit-messages';
import { forkChild } from './fork-child';
import { CANCELLED_MESSAGE } from './job-errors';

export type { ComputeLogEntry } from './compute-session';

export interface ComputeClientOptions {
  /** The child's entry module: a .ts file (run through tsx) or built .js. */
  entry: string;
  /** Extra Node flags for the child, after the tsx loader a .ts entry gets. */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  /** How to start the process; `child_process.fork` unless the Electron shell passes its own. */
  spawn?: SpawnChild;
  /** Where the child's log messages and its stdout/stderr go; the console unless given. */
  onLog?: (entry: ComputeLogEntry) => void;
  /** A child that has not said 'ready' by then is killed and its requests fail. */
  startupTimeoutMs?: number;
  /** After a cancel, how long to wait for the job to stop before answering 'cancelled' anyway. */
  cancelGraceMs?: number;
  /** How long `dispose()` waits for a graceful exit before it kills the process. */
  shutdownTimeoutMs?: number;
}

export interface RequestOptions<G> {
  onProgress?: (data: G) => void;
  signal?: AbortSignal;
}

export class ComputeClient {
  private session: ComputeSession | undefined;
  private nextSeq = 1;
  private disposing: Promise<void> | undefined;
  private readonly log: (entry: ComputeLogEntry) => void;

  constructor(private readonly options: ComputeClientOptions) {
    this.log = options.onLog ?? logToConsole;
  }

  /** The running compute process, if there is one. */
  get pid(): number | undefined {
    return this.session?.pid;
  }

  request<R, G = unknown>(
    job: string,
    payload: unknown,
    options: RequestOptions<G> = {},
  ): Promise<R> {
    const { signal, onProgress } = options;
    if (this.disposing) return Promise.reject(new AppError('internal', DISPOSED_MESSAGE));
    if (signal?.aborted) return Promise.reject(new AppError('cancelled', CANCELLED_MESSAGE));
    let session: ComputeSession;
    try {
      session = this.liveSession();
    } catch (error) {
      this.log({
        level: 'error',
        message: `Could not start the compute process: ${error}`,
        source: 'client',
      });
      const message = `The compute process could not be started (${(error as Error).message}).`;
      return Promise.reject(new AppError('internal', message));
    }
    const seq = this.nextSeq++;
    return new Promise<R>((resolve, reject) => {
      const onAbort = () => session.cancel(seq);
      // Listen before submitting: submit may answer at once, and settle removes the listener.
      signal?.addEventListener('abort', onAbort, { once: true });
      session.submit(
        { kind: 'request', seq, job, payload },
        {
          onProgress: onProgress as ((data: unknown) => void) | undefined,
          settle: (outcome) => {
            signal?.removeEventListener('abort', onAbort);
            if (outcome.ok) resolve(outcome.value as R);
            else reject(outcome.error);
          },
        },
      );
    });
  }

  /** Ends the process: waiting requests fail as cancelled; a process that will not exit is killed. */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      const session = this.session;
      this.session = undefined;
      await session?.shutdown(this.options.shutdownTimeoutMs ?? 5_000);
    })();
    return this.disposing;
  }

  private liveSession(): ComputeSession {
    if (this.session && !this.session.isEnded) return this.session;
    const { entry, env, spawn = forkChild } = this.options;
    const child = spawn(entry, {
      execArgv: [...loaderFlags(entry), ...(this.options.execArgv ?? [])],
      env: env ?? process.env,
    });
    const session: ComputeSession = new ComputeSession(child, {
      startupTimeoutMs: this.options.startupTimeoutMs ?? 60_000,
      cancelGraceMs: this.options.cancelGraceMs ?? 10_000,
      log: this.log,
      onEnded: () => {
        if (this.session === session) this.session = undefined;
      },
    });
    this.session = session;
    return session;
  }
}

/**
 * A .ts entry runs through tsx's loader, named by absolute URL: a bare `--import tsx` would be
 * resolved from the child's working directory, which need not be inside this project.
 */
function loaderFlags(entry: string): string[] {
  if (!/\.[cm]?tsx?$/.test(entry)) return [];
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href];
}

function logToConsole({ level, message, source }: ComputeLogEntry): void {
  if (level === 'debug') return;
  const line = `[compute${source === 'stdout' || source === 'stderr' ? ` ${source}` : ''}] ${message}`;
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}
