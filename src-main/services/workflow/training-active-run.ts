// One run while its job is in the compute process: its progress becomes the window's events and
// the record's history, and its end (completed, stopped, failed) becomes the record's status, a
// model, and exactly one `training:finished` event: every way a run can end (its job's value,
// its job's failure, a stop, a dead compute process, a closed project) passes through `follow`.
import type {
  BackendReport,
  ClassDef,
  EventName,
  EventOf,
  TrainingRunSummary,
} from '../../../src-preload/contract';
import type { TrainJobProgress, TrainJobResult } from '../../engine/jobs/job-types';
import { AppError, hasErrorCode } from '../../ipc/app-error';
import type { ProjectStore } from '../../store';
import type { Emit } from './emitter';
import { mergeJobHistory, recordProgress, type HistoryPoint } from './training-history';
import { createRunModel, savedCheckpoint } from './training-model';
import { ProgressThrottle, toProgressEvent, type RunFrame } from './training-progress';
import { toRunSummary } from './training-run-record';

/** The history is written to the run's record at most this often while it trains. */
export const HISTORY_WRITE_INTERVAL_MS = 3_000;
/**
 * After a stop, how long to wait for the job's final checkpoint when the compute process
 * answered before writing it (its cancel grace ran out in the middle of a long step).
 */
const FINAL_CHECKPOINT_WAIT_MS = 60_000;

export interface ActiveRunOptions {
  frame: RunFrame;
  store: ProjectStore;
  emit: Emit;
  /** The chart so far (a resumed run starts with the old run's points). */
  history: HistoryPoint[];
  preview: { imageId: number; page: number } | undefined;
  /** For the model record. */
  model: {
    modelDir: string;
    preset: string;
    classes: ClassDef[];
    annotatedImages: number;
    labelledPixels: number;
    snapshot: string;
  };
  /** The compute process's pid now; used to notice that it has ended. */
  computePid: () => number | undefined;
}

type Finished = EventOf<'training:finished'>;

function messageOf(error: unknown): string {
  if (hasErrorCode(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export class ActiveRun {
  readonly controller = new AbortController();
  readonly runId: number;
  readonly store: ProjectStore;
  private readonly history: HistoryPoint[];
  private readonly throttle = new ProgressThrottle();
  private lastWrite = Date.now();
  private stopRequestedAt: number | undefined;
  private jobPid: number | undefined;
  /** What the job said about its backend in its first report. */
  backendReport: BackendReport | undefined;
  /** Settles (never rejects) when the run has ended and its record, model and event are done. */
  settled: Promise<void> = Promise.resolve();

  constructor(private readonly options: ActiveRunOptions) {
    this.runId = options.frame.runId;
    this.store = options.store;
    this.history = options.history;
  }

  /** Hands the job's promise to the run; `onEnd` runs after the run has settled. */
  follow(job: Promise<TrainJobResult>, onEnd: () => void): void {
    this.jobPid = this.options.computePid();
    this.settled = job
      .then(
        (result) => this.completed(result),
        (error: unknown) => this.ended(error),
      )
      .catch((error: unknown) => {
        console.error(`Training run ${this.runId} could not be recorded:`, error);
      })
      .finally(onEnd);
  }

  get stopping(): boolean {
    return this.stopRequestedAt !== undefined;
  }

  requestStop(): void {
    this.stopRequestedAt ??= Date.now();
    this.controller.abort();
  }

  summary(): TrainingRunSummary {
    const record = this.store.getTrainingRun(this.runId)!;
    return toRunSummary(record, this.history);
  }

  onProgress(progress: TrainJobProgress): void {
    // The project was closed under the run (its store is gone): nothing can record it any more,
    // so the job stops (saving its checkpoint); reopened, the project lists the run as ended
    // with the studio, and it can be continued.
    if (!this.store.isOpen) {
      this.controller.abort();
      return;
    }
    const { frame } = this.options;
    if (progress.preview) {
      const { preview } = this.options;
      if (!preview) return;
      const { step, x, y, width, height, classes } = progress.preview;
      this.emit('training:preview', {
        runId: frame.runId,
        step,
        imageId: preview.imageId,
        page: preview.page,
        width,
        height,
        classes,
        x,
        y,
      });
      return;
    }
    if (
      recordProgress(this.history, progress) &&
      Date.now() - this.lastWrite >= HISTORY_WRITE_INTERVAL_MS
    ) {
      this.writeHistory();
    }
    if (this.throttle.shouldEmit(progress)) {
      const event = toProgressEvent(frame, progress);
      if (event.setup) {
        const { backend, skipped, predictionEngine, threads } = event.setup;
        this.backendReport = { backend, skipped, predictionEngine, threads: threads ?? 1 };
      }
      this.emit('training:progress', event);
    }
  }

  private emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    try {
      this.options.emit(event, payload);
    } catch (error) {
      // A window that went away must not stop the run.
      console.warn(`Could not send ${event} to the window:`, error);
    }
  }

  private writeHistory(): void {
    this.lastWrite = Date.now();
    try {
      this.store.updateTrainingRun(this.runId, { history: this.history });
    } catch (error) {
      console.warn(`Could not save the chart of training run ${this.runId}:`, error);
    }
  }

  private async completed(result: TrainJobResult): Promise<void> {
    if (!this.store.isOpen)
      return this.emit('training:finished', { runId: this.runId, status: 'cancelled' });
    mergeJobHistory(this.history, result.history);
    const status = this.stopping || result.status === 'cancelled' ? 'cancelled' : 'completed';
    await this.recordModel(status);
  }

  private async ended(error: unknown): Promise<void> {
    if (!this.store.isOpen)
      return this.emit('training:finished', { runId: this.runId, status: 'cancelled' });
    const cancelled = hasErrorCode(error) && error.code === 'cancelled';
    if (cancelled && this.stopping) {
      await this.finalCheckpoint();
      await this.recordModel('cancelled');
      return;
    }
    this.finish({ runId: this.runId, status: 'failed', message: messageOf(error) });
  }

  /**
   * A stopped job saves its last checkpoint before it answers. Only when its answer came
   * after the compute client's cancel grace can the save still be under way: wait for it, as
   * long as the process that runs it is alive.
   */
  private async finalCheckpoint(): Promise<void> {
    const deadline = Date.now() + FINAL_CHECKPOINT_WAIT_MS;
    while (Date.now() < deadline && this.options.computePid() === this.jobPid) {
      try {
        const metadata = await savedCheckpoint(this.store.dir, this.options.model.modelDir);
        if (Date.parse(metadata.savedAt) >= this.stopRequestedAt!) return;
      } catch {
        // not written yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** The run's model (when it trained at least one step), its record, and the event. */
  private async recordModel(status: 'completed' | 'cancelled'): Promise<void> {
    const { frame, model } = this.options;
    let modelId: number | undefined;
    try {
      const saved = await savedCheckpoint(this.store.dir, model.modelDir).catch(() => undefined);
      if (saved) mergeJobHistory(this.history, saved.training.history);
      if (saved && saved.training.step > frame.startStep) {
        modelId = (
          await createRunModel(this.store, { runId: this.runId, ...model, history: this.history })
        ).model.id;
      } else if (status === 'completed') {
        throw new AppError('internal', 'The training finished but saved no model.');
      }
    } catch (error) {
      this.finish({
        runId: this.runId,
        status: 'failed',
        message: `The training ended, but its model could not be recorded: ${messageOf(error)}`,
      });
      return;
    }
    this.finish({ runId: this.runId, status, ...(modelId !== undefined ? { modelId } : {}) });
  }

  private finish(event: Finished): void {
    try {
      this.store.updateTrainingRun(this.runId, {
        status: event.status,
        history: this.history,
        error: event.status === 'failed' ? (event.message ?? null) : null,
      });
    } catch (error) {
      console.warn(`Could not record the end of training run ${this.runId}:`, error);
    }
    if (event.status === 'failed')
      console.warn(`Training run ${this.runId} failed: ${event.message}`);
    this.emit('training:finished', event);
  }
}
