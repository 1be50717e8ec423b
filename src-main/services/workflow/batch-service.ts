// Batch segmentation of a folder with a project model: one batch at a time, answered at once
// with its job id and image count; progress and the end arrive as `batch:progress` and
// `batch:finished` events.
//
// The compute process runs its jobs side by side (compute/job-registry.ts), so a batch may run
// while a training runs: both share the processor and each goes slower, and neither waits for
// the other. Only a second batch is refused ('busy').
import type { ParsedRequestOf, ResponseOf } from '../../../src-preload/contract';
import type { SegmentJobRequest } from '../../engine/jobs/job-types';
import { AppError } from '../../ipc/app-error';
import { checkBatchFolders } from './batch-folders';
import { BatchRun } from './batch-run';
import type { Emit } from './emitter';
import { requireModelFiles, requireModelRecord } from './model-files';
import type { WorkflowDeps } from './workflow-deps';

const BUSY_MESSAGE =
  'A batch segmentation is already running. Wait for it to finish, or cancel it, before starting another.';

export class BatchService {
  /** The batch in progress; 'starting' while its folders are checked. */
  private current: BatchRun | 'starting' | undefined;
  private nextJobId = 1;

  constructor(private readonly deps: WorkflowDeps) {}

  async start(
    request: ParsedRequestOf<'batch:start'>,
    emit: Emit,
  ): Promise<ResponseOf<'batch:start'>> {
    if (this.current) throw new AppError('busy', BUSY_MESSAGE);
    this.current = 'starting';
    try {
      const store = this.deps.store();
      const model = requireModelRecord(store, request.modelId);
      const files = await requireModelFiles(store, model);
      const folders = await checkBatchFolders(
        request.inputFolder,
        request.outputFolder,
        store.modelsDir,
      );
      const job: SegmentJobRequest = {
        modelDir: files.dir,
        inputDir: folders.input,
        outDir: folders.output,
        write: request.write,
        tta: request.tta,
        backend: 'auto',
      };
      const run = new BatchRun(
        this.deps.compute,
        { jobId: this.nextJobId++, request: job, files: folders.files },
        emit,
      );
      this.current = run;
      void run.finished.then(() => {
        if (this.current === run) this.current = undefined;
      });
      return { jobId: run.jobId, total: folders.files.length };
    } catch (error) {
      this.current = undefined;
      throw error;
    }
  }

  /**
   * Stops the batch; its `batch:finished` says 'cancelled' and lists what was written. Cancelling
   * a batch that has just ended does nothing (the click and the end may cross).
   */
  cancel(jobId: number): null {
    const run = this.current;
    if (run instanceof BatchRun && run.jobId === jobId) run.cancel();
    else if (jobId >= this.nextJobId)
      throw new AppError('not-found', `There is no batch ${jobId}.`);
    return null;
  }

  /** Cancels a batch in progress and waits for its end (the project closes or the app quits). */
  async shutdown(): Promise<void> {
    const run = this.current;
    if (!(run instanceof BatchRun)) return;
    run.cancel();
    await run.finished;
  }
}
