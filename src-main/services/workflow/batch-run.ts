// One batch from start to its `batch:finished` event: the `segment` job (the one the CLI runs)
// in the compute process, its progress forwarded per tile and per image, and the outcome told
// whatever happens: completed, cancelled (with what was written before it stopped) or failed
// (the compute process died, with the message that says so).
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BatchFinishedEvent, FileProblem } from '../../../src-preload/contract';
import type { ComputeClient } from '../../compute';
import { stem } from '../../engine/data/pair-files';
import type {
  SegmentJobProgress,
  SegmentJobRequest,
  SegmentJobResult,
} from '../../engine/jobs/job-types';
import { hasErrorCode } from '../../ipc/app-error';
import type { Emit } from './emitter';

export const SEGMENT_JOB = 'segment';

export interface BatchPlan {
  jobId: number;
  request: SegmentJobRequest;
  /** The input's image files, as the job lists them. */
  files: string[];
}

/** Where the job writes the mask of `file` (segment-job.ts: same base name, .tif). */
function targetOf(outDir: string, file: string): string {
  return join(outDir, `${stem(basename(file))}.tif`);
}

export class BatchRun {
  private readonly controller = new AbortController();
  private readonly startedAt = Date.now();
  private readonly written = new Set<string>();
  private readonly failed: FileProblem[] = [];
  /** Images the job has finished with (written or failed), from its progress. */
  private finishedImages = 0;
  /** Settles with the finished event, after it was emitted; never rejects. */
  readonly finished: Promise<BatchFinishedEvent>;

  constructor(
    compute: ComputeClient,
    private readonly plan: BatchPlan,
    private readonly emit: Emit,
  ) {
    const job = compute.request<SegmentJobResult, SegmentJobProgress>(SEGMENT_JOB, plan.request, {
      signal: this.controller.signal,
      onProgress: (progress) => this.onProgress(progress),
    });
    this.finished = this.settle(job);
  }

  get jobId(): number {
    return this.plan.jobId;
  }

  cancel(): void {
    this.controller.abort();
  }

  private onProgress(progress: SegmentJobProgress): void {
    // Tile events carry the images done before this one (the last tile's fraction is already
    // 1); the image's own end is the event whose count includes it.
    if (progress.done > this.finishedImages) {
      this.finishedImages = progress.done;
      const target = targetOf(this.plan.request.outDir, progress.file);
      if (progress.failed !== undefined)
        this.failed.push({ file: progress.file, reason: progress.failed });
      else this.written.add(target);
    }
    this.emit('batch:progress', {
      jobId: this.plan.jobId,
      done: progress.done,
      total: progress.total,
      file: progress.file,
      imageFraction: Math.min(1, Math.max(0, progress.imageFraction)),
      ...(progress.failed !== undefined ? { failed: progress.failed } : {}),
    });
  }

  private async settle(job: Promise<SegmentJobResult>): Promise<BatchFinishedEvent> {
    let event: Omit<BatchFinishedEvent, 'seconds'>;
    try {
      const result = await job;
      event = this.event(result.written, result.failed, 'completed');
    } catch (error) {
      // Progress after a cancel is not delivered, so the image that was being written when the
      // job stopped is found on disk: a mask written since this batch started.
      await this.collectWrittenSince();
      const cancelled = hasErrorCode(error) && error.code === 'cancelled';
      const message = error instanceof Error ? error.message : String(error);
      event = {
        ...this.event([...this.written], this.failed, cancelled ? 'cancelled' : 'failed'),
        ...(cancelled ? {} : { message }),
      };
    }
    const finished = { ...event, seconds: (Date.now() - this.startedAt) / 1000 };
    this.emit('batch:finished', finished);
    return finished;
  }

  private event(
    written: string[],
    failed: FileProblem[],
    status: BatchFinishedEvent['status'],
  ): Omit<BatchFinishedEvent, 'seconds'> {
    return {
      jobId: this.plan.jobId,
      status,
      written,
      failed,
      outputFolder: this.plan.request.outDir,
    };
  }

  private async collectWrittenSince(): Promise<void> {
    for (const file of this.plan.files) {
      const target = targetOf(this.plan.request.outDir, file);
      if (this.written.has(target)) continue;
      const info = await stat(target).catch(() => undefined);
      // Whole milliseconds: some file systems round times down.
      if (info?.isFile() && info.mtimeMs >= Math.floor(this.startedAt / 1000) * 1000)
        this.written.add(target);
    }
  }
}
