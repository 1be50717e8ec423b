// Training from the window: the project's painted labels are written to an annotation snapshot,
// the compute process trains on it in the background, and the run's progress, previews and end
// come back as events. One run at a time; a second start is refused as busy.
//
// Start here; the parts live beside it: training-snapshot (what is trained on),
// training-job-request (the job's payload), training-active-run (a run while it trains, and how
// it ends), training-resume (continuing an ended run as a new one), training-progress and
// training-history (events and the chart), training-model (the model record).
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedRequestOf, ResponseOf } from '../../../src-preload/contract';
import { nvidiaGpuPresent } from '../../engine/jobs/gpu-presence';
import type {
  BackendsJobResult,
  TrainJobProgress,
  TrainJobResult,
} from '../../engine/jobs/job-types';
import { AppError } from '../../ipc/app-error';
import type { ProjectStore } from '../../store';
import type { Emit } from './emitter';
import { ActiveRun } from './training-active-run';
import { buildTrainJobRequest, DEFAULT_STEPS } from './training-job-request';
import {
  copyCheckpoints,
  DEFAULT_FURTHER_STEPS,
  planResume,
  type ResumePlan,
} from './training-resume';
import {
  runFolder,
  runModelDir,
  runSnapshotDir,
  toRunSummary,
  type TrainingRunConfig,
} from './training-run-record';
import { snapshotPairs, writeAnnotationSnapshot } from './training-snapshot';
import type { WorkflowDeps } from './workflow-deps';

type StartRequest = ParsedRequestOf<'training:start'>;

const ORPHANED =
  'The studio closed while this run was training. Its last checkpoint can still be continued.';

/** The steps a run stops at, counting a resumed run's earlier ones; undefined for minutes. */
function totalStepsFor(request: StartRequest, resume: ResumePlan | undefined): number | undefined {
  if (request.minutes !== undefined) return undefined;
  if (!resume) return request.steps ?? DEFAULT_STEPS;
  // Resuming, `steps` counts further steps: by default what the old run had left of its budget.
  return resume.startStep + (request.steps ?? resume.stepsLeft ?? DEFAULT_FURTHER_STEPS);
}

export class TrainingService {
  private active: ActiveRun | undefined;
  /** Set while a start prepares its snapshot: a second start is busy, and the run not orphaned. */
  private starting: { runId: number | undefined } | undefined;
  private lastBackends: ResponseOf<'training:backends'> | undefined;

  constructor(private readonly deps: WorkflowDeps) {}

  /**
   * Which backend trains here and why better ones do not; asked of the compute process. Not
   * while a run trains: loading 'auto' there would switch tfjs's one global backend under the
   * training, so the last answer (or the run's own report) is given instead.
   */
  async backends(): Promise<ResponseOf<'training:backends'>> {
    if (this.active || this.starting) {
      const known = this.lastBackends ?? this.active?.backendReport;
      if (known) return known;
      throw new AppError(
        'busy',
        'A training is starting; which engine it uses will show as soon as it has begun. Try again in a moment.',
      );
    }
    const report = await this.deps.compute.request<BackendsJobResult>('backends', {});
    this.lastBackends = { ...report, threads: Math.max(1, report.threads) };
    return this.lastBackends;
  }

  async start(request: StartRequest, emit: Emit): Promise<ResponseOf<'training:start'>> {
    const busy = this.active?.runId;
    if (busy !== undefined || this.starting) {
      throw new AppError(
        'busy',
        `A training run is already in progress${busy !== undefined ? ` (run ${busy})` : ''}. Stop it, or wait for it to finish, before starting another.`,
      );
    }
    const starting = { runId: undefined as number | undefined };
    this.starting = starting;
    try {
      return await this.prepareAndStart(request, emit, starting);
    } finally {
      this.starting = undefined;
    }
  }

  private async prepareAndStart(
    request: StartRequest,
    emit: Emit,
    starting: { runId: number | undefined },
  ): Promise<ResponseOf<'training:start'>> {
    const store = this.deps.store();
    this.markOrphans(store);
    const classes = store.listClasses();
    const numClasses = Math.max(2, ...classes.map((c) => c.index));
    const resume =
      request.resumeRunId !== undefined
        ? await planResume(store, request.resumeRunId, numClasses)
        : undefined;

    // Refusals (nothing painted, one class, a missing file) come before any run is recorded.
    const staging = join(store.modelsDir, `.snapshot-${randomBytes(6).toString('hex')}`);
    const snapshot = await writeAnnotationSnapshot(store, this.deps.images(), staging);
    let runId: number | undefined;
    try {
      const preview = request.preview && this.previewSource(store, request.preview);
      const totalSteps = totalStepsFor(request, resume);
      const config: TrainingRunConfig = {
        source: 'studio-training',
        request,
        preset: request.preset,
        totalSteps: totalSteps ?? null,
        minutes: request.minutes ?? null,
        startStep: resume?.startStep ?? 0,
        resumedFromRunId: resume?.fromRunId ?? null,
        numClasses,
        annotatedImages: snapshot.manifest.pages.length,
        labelledPixels: snapshot.labelledPixels,
      };
      const run = store.createTrainingRun({ config, seed: request.seed ?? 0 });
      runId = run.id;
      starting.runId = run.id;
      const snapshotDir = join(store.dir, runSnapshotDir(run.id));
      await mkdir(join(store.dir, runFolder(run.id)), { recursive: true });
      await rename(staging, snapshotDir);
      const outDir = join(store.dir, runModelDir(run.id));
      if (resume) await copyCheckpoints(resume, outDir);

      const jobRequest = buildTrainJobRequest({
        request,
        pairs: snapshotPairs(snapshot.manifest, snapshotDir),
        classes,
        numClasses,
        outDir,
        totalSteps,
        resume: resume !== undefined,
        preview: preview && { image: preview.path, page: preview.page },
      });
      const active = new ActiveRun({
        frame: {
          runId: run.id,
          startStep: config.startStep,
          totalSteps: config.totalSteps,
          gpuPresent: nvidiaGpuPresent(),
        },
        store,
        emit,
        history: resume ? resume.history : [],
        preview: preview && { imageId: preview.imageId, page: preview.page },
        model: {
          modelDir: runModelDir(run.id),
          preset: request.preset,
          classes,
          annotatedImages: config.annotatedImages,
          labelledPixels: config.labelledPixels,
          snapshot: runSnapshotDir(run.id),
        },
        computePid: () => this.deps.compute.pid,
      });
      // A resumed run's chart starts with the old run's points.
      store.updateTrainingRun(run.id, { status: 'running', history: resume?.history ?? [] });
      this.active = active;
      const job = this.deps.compute.request<TrainJobResult, TrainJobProgress>('train', jobRequest, {
        signal: active.controller.signal,
        onProgress: (progress) => active.onProgress(progress),
      });
      active.follow(job, () => {
        if (this.active === active) this.active = undefined;
      });
      return { runId: run.id };
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      if (runId !== undefined) {
        try {
          const message = error instanceof Error ? error.message : String(error);
          store.updateTrainingRun(runId, { status: 'failed', error: message });
        } catch {
          // The record stays as it is; the error below is what the person needs.
        }
      }
      throw error;
    }
  }

  /** The preview page's file, checked: the window asked to see this page. */
  private previewSource(
    store: ProjectStore,
    preview: { imageId: number; page: number },
  ): { imageId: number; page: number; path: string } {
    const record = store.getImage(preview.imageId);
    if (!record) {
      throw new AppError(
        'not-found',
        `The preview image (${preview.imageId}) is not in this project.`,
      );
    }
    if (preview.page >= record.pages) {
      throw new AppError(
        'not-found',
        `The preview image has ${record.pages} page(s); page ${preview.page + 1} does not exist.`,
      );
    }
    if (record.status !== 'ok') {
      throw new AppError(
        record.status === 'missing' ? 'file-missing' : 'file-changed',
        `The image chosen for the preview is ${record.status === 'missing' ? 'missing' : 'changed on disk'}. Relink it, or preview another image.`,
      );
    }
    return { imageId: record.id, page: preview.page, path: record.sourcePath };
  }

  /** Stops the run and answers once it has ended: its last checkpoint saved as a model. */
  async stop(runId: number): Promise<null> {
    const store = this.deps.store();
    const run = this.active;
    if (run && run.runId === runId && run.store === store) {
      run.requestStop();
      await run.settled;
      return null;
    }
    if (!store.getTrainingRun(runId)) {
      throw new AppError('not-found', `Training run ${runId} is not in this project.`);
    }
    return null; // it has already ended
  }

  status(): ResponseOf<'training:status'> {
    const store = this.deps.store();
    this.markOrphans(store);
    const run = this.active;
    return run && run.store === store ? run.summary() : null;
  }

  runs(): ResponseOf<'training:runs'> {
    const store = this.deps.store();
    this.markOrphans(store);
    const run = this.active;
    return store
      .listTrainingRuns()
      .map((record) =>
        run && run.store === store && run.runId === record.id
          ? run.summary()
          : toRunSummary(record),
      );
  }

  /** Stops a run in progress (the project closes or the app quits) and waits for it to end. */
  async shutdown(): Promise<void> {
    const run = this.active;
    if (!run) return;
    run.requestStop();
    await run.settled;
  }

  /**
   * A run left 'running' by a studio that quit (or a project closed) mid-run has no job any
   * more: it is marked failed, so the list does not show it training for ever.
   */
  private markOrphans(store: ProjectStore): void {
    const mine = (id: number) =>
      (this.active?.store === store && this.active.runId === id) || this.starting?.runId === id;
    for (const record of store.listTrainingRuns()) {
      if ((record.status === 'running' || record.status === 'queued') && !mine(record.id)) {
        store.updateTrainingRun(record.id, { status: 'failed', error: ORPHANED });
      }
    }
  }
}
