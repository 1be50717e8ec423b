// The child side: a table of named jobs served over the parent link. Several requests may be in
// flight at once (a prediction preview during training, say); deciding what may overlap is the
// caller's business: the studio runs at most one training at a time and says 'busy' itself.
import { CANCELLED_MESSAGE, INTERNAL_MESSAGE, describeJobFailure } from './job-errors';
import { connectToParent, type ParentLink } from './parent-link';
import {
  isParentMessage,
  type LogLevel,
  type RequestMessage,
  type ResultMessage,
} from './protocol';

export interface JobContext<G = unknown> {
  /** Aborted when the parent cancels this request or shuts the process down. */
  signal: AbortSignal;
  /** Sends one progress event to the requester; ignored once the job is cancelled. */
  progress(data: G): void;
}

export type JobHandler<P = unknown, R = unknown, G = unknown> = (
  payload: P,
  context: JobContext<G>,
) => Promise<R>;

/**
 * Handlers with their own payload types. `never` is the parameter type every handler accepts,
 * so `{ train: (p: TrainRequest, ctx) => ... }` fits without casts. The payload comes from our
 * own parent, which validated it against the contract before asking.
 */
export type JobHandlers = Record<string, JobHandler<never, unknown, never>>;

export interface ServeOptions {
  /** On shutdown or when the parent goes away: how long aborted jobs get to wind down. */
  settleMs?: number;
}

let serving = false;

const internalResult = (seq: number): ResultMessage => ({
  kind: 'result',
  seq,
  ok: false,
  error: { code: 'internal', message: INTERNAL_MESSAGE },
});

/** Call once, at the top of the compute entry script. Sends 'ready' when listening. */
export function serveJobs(handlers: JobHandlers, options: ServeOptions = {}): void {
  if (serving) throw new Error('serveJobs was called twice in one compute process.');
  serving = true;
  serveJobsOn(connectToParent(), handlers, options);
}

/** serveJobs over a given link: the seam the unit tests use. */
export function serveJobsOn(link: ParentLink, handlers: JobHandlers, options: ServeOptions = {}) {
  const settleMs = options.settleMs ?? 3_000;
  const running = new Map<number, AbortController>();
  const unfinished = new Set<Promise<void>>();
  let stopping = false;

  const log = (level: LogLevel, message: string) => link.send({ kind: 'log', level, message });

  function sendResult(job: string, message: ResultMessage): void {
    try {
      link.send(message);
    } catch (error) {
      // A value that cannot be cloned (a function, a symbol) must still answer the request.
      log('error', `Job "${job}" returned a value that cannot be sent: ${String(error)}`);
      link.send(internalResult(message.seq));
    }
  }

  async function run({ seq, job, payload }: RequestMessage): Promise<void> {
    const handler = Object.hasOwn(handlers, job) ? handlers[job] : undefined;
    if (!handler || running.has(seq)) {
      log(
        'error',
        `Refused request ${seq}: ${handler ? 'its number is in use' : `no job "${job}"`}.`,
      );
      sendResult(job, internalResult(seq));
      return;
    }
    const controller = new AbortController();
    running.set(seq, controller);
    if (stopping) controller.abort();
    const progress = (data: unknown) => {
      // After the result, or once cancelled, nobody is listening for this request any more.
      if (running.get(seq) === controller && !controller.signal.aborted) {
        link.send({ kind: 'progress', seq, data });
      }
    };
    try {
      const value = await handler(payload as never, { signal: controller.signal, progress });
      running.delete(seq);
      sendResult(job, { kind: 'result', seq, ok: true, value });
    } catch (thrown) {
      running.delete(seq);
      const failure = describeJobFailure(thrown, controller.signal.aborted);
      if (failure.logDetails) {
        log('error', `Job "${job}" (request ${seq}) failed unexpectedly: ${failure.logDetails}`);
      }
      sendResult(job, { kind: 'result', seq, ok: false, error: failure.error });
    }
  }

  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    for (const controller of running.values()) controller.abort();
    // A job that ignores its signal must not keep an orphaned process alive for ever.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, settleMs)));
    await Promise.race([Promise.allSettled(unfinished), deadline]);
    clearTimeout(timer);
    await link.exit(0);
  }

  link.onMessage((message) => {
    if (!isParentMessage(message)) {
      log('warn', `Ignored a message the compute process does not understand.`);
      return;
    }
    if (message.kind === 'request') {
      const task = run(message).catch((error: unknown) => {
        console.error(`Compute job "${message.job}" could not answer:`, error);
      });
      unfinished.add(task);
      void task.finally(() => unfinished.delete(task));
    } else if (message.kind === 'cancel') {
      running.get(message.seq)?.abort(new Error(CANCELLED_MESSAGE));
    } else {
      void stop();
    }
  });
  // The parent died or dropped us: nobody will read our results, so wind down and leave.
  link.onDisconnect(() => void stop());
  link.send({ kind: 'ready', info: { pid: process.pid, jobs: Object.keys(handlers) } });
}
