// A fuzz worker process seen from the test: decode one file at a time, within a time limit and a
// memory cap. A case that hangs, crashes the process or passes the cap gets that as its outcome,
// and the next case starts a fresh process, so one bad file never hides the cases after it.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CaseOutcome, CaseReply, CaseRequest } from './protocol';

export interface WorkerLimits {
  timeoutMs: number;
  /** V8's heap limit in the worker (--max-old-space-size). */
  heapMiB: number;
  /** Resident memory cap: typed arrays live outside V8's heap, so the heap limit alone is not enough. */
  rssCapMiB: number;
}

export const DECODE_CHILD = fileURLToPath(new URL('./decode-case.child.ts', import.meta.url));
// By absolute URL: a bare `--import tsx` would resolve from the child's working directory.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const MEMORY_POLL_MS = 20;

/** Resident memory of a process in MiB, from /proc on Linux; null where that cannot be read. */
function residentMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null; // not Linux, or the process just ended: the child's own report still counts
  }
}

export class DecodeWorker {
  private ready: Promise<ChildProcess> | null = null;
  private stderr = '';

  constructor(
    private readonly limits: WorkerLimits,
    /** The worker script; the harness's own test swaps in one that misbehaves on purpose. */
    private readonly script = DECODE_CHILD,
  ) {}

  private start(): Promise<ChildProcess> {
    const child = fork(this.script, [], {
      execArgv: ['--import', TSX, `--max-old-space-size=${this.limits.heapMiB}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    return new Promise((resolve, reject) => {
      child.once('message', () => {
        child.removeAllListeners('exit');
        resolve(child);
      });
      child.once('exit', (code) =>
        reject(new Error(`the fuzz worker did not start (exit ${code}):\n${this.stderr}`)),
      );
    });
  }

  /** Decodes one file; never rejects for anything the file does to the worker. */
  async decode(request: CaseRequest): Promise<CaseOutcome> {
    this.ready ??= this.start();
    const child = await this.ready;
    this.stderr = '';
    const { timeoutMs, rssCapMiB } = this.limits;
    return new Promise((resolve) => {
      const finish = (outcome: CaseOutcome, restart: boolean) => {
        clearTimeout(timer);
        clearInterval(watch);
        child.removeAllListeners('message');
        child.removeAllListeners('exit');
        if (restart) {
          child.kill('SIGKILL');
          this.ready = null;
        }
        resolve(outcome);
      };
      child.on('message', (reply: CaseReply) => {
        const peakMiB = reply.peakRssKiB / 1024;
        // The peak is the process's whole life, so a worker over the cap is replaced.
        if (peakMiB > rssCapMiB) finish({ kind: 'memory', peakMiB, capMiB: rssCapMiB }, true);
        else finish(reply.outcome, false);
      });
      child.once('exit', (code, signal) =>
        finish({ kind: 'crash', code, signal, stderr: this.stderr }, true),
      );
      const timer = setTimeout(
        () => finish({ kind: 'timeout', limitMs: timeoutMs }, true),
        timeoutMs,
      );
      const watch = setInterval(() => {
        const rss = residentMiB(child.pid);
        if (rss !== null && rss > rssCapMiB) {
          finish({ kind: 'memory', peakMiB: rss, capMiB: rssCapMiB }, true);
        }
      }, MEMORY_POLL_MS);
      child.send(request);
    });
  }

  async close(): Promise<void> {
    const ready = this.ready;
    this.ready = null;
    const child = await ready?.catch(() => null);
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }
}
