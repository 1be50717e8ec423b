// One compute process from start to end, with the requests waiting on it. When the process ends
// for any reason, every request still waiting is answered: nothing waits on a dead process.
// ComputeClient starts a new session for the next request.
import { AppError } from '../ipc/app-error';
import type { ChildExit, ChildLike } from './child-handle';
import { describeExit, describeStartupTimeout, SHUT_DOWN_MESSAGE } from './exit-messages';
import { CANCELLED_MESSAGE } from './job-errors';
import { isChildMessage, type ChildMessage, type LogLevel, type RequestMessage } from './protocol';

export interface ComputeLogEntry {
  level: LogLevel;
  message: string;
  /** 'child': the job code's own log messages; 'stdout'/'stderr': raw output; 'client': ours. */
  source: 'child' | 'stdout' | 'stderr' | 'client';
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: AppError };

export interface PendingRequest {
  onProgress?: (data: unknown) => void;
  settle(outcome: Outcome): void;
}

interface Entry extends PendingRequest {
  request: RequestMessage;
  sent: boolean;
  cancelling: boolean;
  graceTimer?: NodeJS.Timeout;
}

export interface SessionOptions {
  startupTimeoutMs: number;
  cancelGraceMs: number;
  log(entry: ComputeLogEntry): void;
  onEnded(): void;
}

const cancelled = (): Outcome => ({
  ok: false,
  error: new AppError('cancelled', CANCELLED_MESSAGE),
});

export class ComputeSession {
  private phase: 'starting' | 'ready' | 'stopping' | 'ended' = 'starting';
  private readonly entries = new Map<number, Entry>();
  private startupFailure: string | undefined;
  private readonly startupTimer: NodeJS.Timeout;
  private readonly childPid: number | undefined;
  readonly ended: Promise<ChildExit>;

  constructor(
    private readonly child: ChildLike,
    private readonly options: SessionOptions,
  ) {
    this.childPid = child.pid;
    child.onMessage((message) => this.receive(message));
    child.onOutput((stream, line) =>
      options.log({ level: stream === 'stderr' ? 'warn' : 'info', message: line, source: stream }),
    );
    this.ended = new Promise((resolve) =>
      child.onExit((exit) => {
        this.end(exit);
        resolve(exit);
      }),
    );
    // Unref'd: a waiting request keeps the process alive through the child, not this timer.
    this.startupTimer = setTimeout(() => this.startupTimedOut(), options.startupTimeoutMs);
    this.startupTimer.unref();
    this.updateKeepAlive();
  }

  get pid(): number | undefined {
    return this.phase === 'ended' ? undefined : this.childPid;
  }

  get isEnded(): boolean {
    return this.phase === 'ended';
  }

  submit(request: RequestMessage, pending: PendingRequest): void {
    const entry: Entry = { ...pending, request, sent: false, cancelling: false };
    this.entries.set(request.seq, entry);
    this.updateKeepAlive();
    if (this.phase === 'ready') this.send(entry);
    else if (this.phase !== 'starting') this.finish(entry, this.stoppedOutcome());
  }

  /** Asks the child to stop the job; the request is answered when it has, or after a grace. */
  cancel(seq: number): void {
    const entry = this.entries.get(seq);
    if (!entry || entry.cancelling) return;
    entry.cancelling = true;
    if (!entry.sent) {
      this.finish(entry, cancelled());
      return;
    }
    this.trySend({ kind: 'cancel', seq });
    entry.graceTimer = setTimeout(() => {
      // The job may still be running; its late answer will find no entry and be dropped.
      this.log('warn', `Request ${seq} (${entry.request.job}) ignored its cancel; gave up on it.`);
      this.finish(entry, cancelled());
    }, this.options.cancelGraceMs);
  }

  /** Answers waiting requests as cancelled, asks the child to exit, and kills it if it won't. */
  async shutdown(timeoutMs: number): Promise<void> {
    if (this.phase === 'ended') return;
    if (this.phase !== 'stopping') {
      const wasStarting = this.phase === 'starting';
      this.phase = 'stopping';
      clearTimeout(this.startupTimer);
      for (const entry of [...this.entries.values()]) this.finish(entry, this.stoppedOutcome());
      // Hold the event loop until the child is gone, so a CLI does not leave it behind.
      this.child.setKeepAlive(true);
      // A child that is still starting may not listen yet; it has nothing to save either.
      if (wasStarting) this.child.kill('SIGTERM');
      else this.trySend({ kind: 'shutdown' });
    }
    if (await this.endsWithin(timeoutMs)) return;
    this.log('warn', `Compute process ${this.childPid} did not exit when asked; killing it.`);
    this.child.kill('SIGKILL');
    if (!(await this.endsWithin(timeoutMs))) {
      this.log('error', `Compute process ${this.childPid} did not exit after SIGKILL.`);
    }
  }

  private async endsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
    const ended = await Promise.race([this.ended.then(() => true), timeout]);
    clearTimeout(timer);
    return ended;
  }

  private receive(message: unknown): void {
    if (!isChildMessage(message)) {
      this.log(
        'warn',
        'Ignored a message from the compute process that does not fit the protocol.',
      );
      return;
    }
    this.handle(message);
  }

  private handle(message: ChildMessage): void {
    switch (message.kind) {
      case 'ready':
        if (this.phase !== 'starting') return;
        this.phase = 'ready';
        clearTimeout(this.startupTimer);
        this.log(
          'debug',
          `Compute process ${message.info.pid} ready: ${message.info.jobs.join(', ')}`,
        );
        for (const entry of [...this.entries.values()]) if (!entry.sent) this.send(entry);
        return;
      case 'log':
        this.options.log({ level: message.level, message: message.message, source: 'child' });
        return;
      case 'progress': {
        const entry = this.entries.get(message.seq);
        if (!entry || entry.cancelling || !entry.onProgress) return;
        try {
          entry.onProgress(message.data);
        } catch (error) {
          this.log('error', `A progress listener for ${entry.request.job} threw: ${String(error)}`);
        }
        return;
      }
      case 'result': {
        const entry = this.entries.get(message.seq);
        if (!entry) return; // answered already: cancelled after its grace, or shut down
        if (entry.cancelling) this.finish(entry, cancelled());
        else if (message.ok) this.finish(entry, { ok: true, value: message.value });
        else {
          const error = new AppError(message.error.code, message.error.message);
          this.finish(entry, { ok: false, error });
        }
      }
    }
  }

  private send(entry: Entry): void {
    try {
      this.child.send(entry.request);
      entry.sent = true;
    } catch (error) {
      // Data that cannot be cloned (a function, a class with private fields) is a bug upstream.
      this.log('error', `Could not send ${entry.request.job} to the compute process: ${error}`);
      const message =
        'Something went wrong handing the task to the compute process. Details are in the log.';
      this.finish(entry, { ok: false, error: new AppError('internal', message) });
    }
  }

  private trySend(message: Parameters<ChildLike['send']>[0]): void {
    try {
      this.child.send(message);
    } catch (error) {
      this.log('warn', `Could not send ${message.kind} to the compute process: ${error}`);
    }
  }

  private finish(entry: Entry, outcome: Outcome): void {
    if (this.entries.get(entry.request.seq) !== entry) return;
    this.entries.delete(entry.request.seq);
    clearTimeout(entry.graceTimer);
    this.updateKeepAlive();
    entry.settle(outcome);
  }

  private end(exit: ChildExit): void {
    const phase = this.phase;
    this.phase = 'ended';
    clearTimeout(this.startupTimer);
    const fact = exit.error?.message ?? `exit code ${exit.code}, signal ${exit.signal}`;
    if (phase === 'stopping')
      this.log('debug', `Compute process ${this.childPid} exited (${fact}).`);
    else this.log('error', `Compute process ${this.childPid} ended unexpectedly (${fact}).`);
    const message =
      this.startupFailure ?? describeExit(exit, phase === 'starting' ? 'starting' : 'running');
    for (const entry of [...this.entries.values()]) {
      // Someone who pressed cancel learns the task was cancelled, whatever the process did.
      this.finish(
        entry,
        entry.cancelling ? cancelled() : { ok: false, error: new AppError('internal', message) },
      );
    }
    this.options.onEnded();
  }

  private startupTimedOut(): void {
    if (this.phase !== 'starting') return;
    this.startupFailure = describeStartupTimeout(this.options.startupTimeoutMs);
    this.log('error', `Compute process ${this.childPid} sent no 'ready' in time; killing it.`);
    this.child.kill('SIGKILL');
  }

  private stoppedOutcome(): Outcome {
    return { ok: false, error: new AppError('cancelled', SHUT_DOWN_MESSAGE) };
  }

  private updateKeepAlive(): void {
    if (this.phase === 'ended') return;
    this.child.setKeepAlive(this.phase === 'stopping' || this.entries.size > 0);
  }

  private log(level: LogLevel, message: string): void {
    this.options.log({ level, message, source: 'client' });
  }
}
