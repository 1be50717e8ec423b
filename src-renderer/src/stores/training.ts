// Training from the window: the options, the run in progress (followed through events, so the
// window never waits on it), its chart history and the live preview overlay. After a reload
// `restore()` picks a running run up again from `training:status`.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import type {
  BackendChoice,
  BackendReport,
  EventOf,
  RequestOf,
  TrainingProgressEvent,
} from '../../../src-preload/contract';
import { getStudioApi } from '../api';
import { classPalette, renderClassRgba } from '../lib/class-colours';
import { canvasFromRgba } from '../lib/overlay-canvas';
import {
  appendPoint,
  historyFromSummary,
  pointFromProgress,
  thinHistory,
  type HistoryPoint,
} from '../lib/training-history';
import { useImagesStore } from './images';
import { useNotificationsStore } from './notifications';
import { useOverlaysStore } from './overlays';
import { usePredictionStore } from './prediction';
import { useProjectStore } from './project';
import { useViewerStore } from './viewer';

export type RunState = 'idle' | 'running' | 'stopping' | 'finished' | 'failed';
export type TrainingPreset = NonNullable<RequestOf<'training:start'>['preset']>;
export type BudgetKind = 'steps' | 'minutes';
export type TrainingSetup = NonNullable<TrainingProgressEvent['setup']>;
type PageRef = { imageId: number; page: number };

/** A run of a million steps keeps at most this many chart points in memory. */
const MAX_STORED_POINTS = 50_000;

export const useTrainingStore = defineStore('training', () => {
  const api = getStudioApi();
  const notifications = useNotificationsStore();
  const overlays = useOverlaysStore();
  const viewer = useViewerStore();
  const project = useProjectStore();
  const images = useImagesStore();

  // Options of the next run.
  const preset = ref<TrainingPreset>('cpu');
  const backendChoice = ref<BackendChoice>('auto');
  const budgetKind = ref<BudgetKind>('steps');
  const steps = ref(200);
  const minutes = ref(10);
  /** Base filter count of the network; null leaves it to the preset. */
  const filters = ref<number | null>(null);

  const backends = shallowRef<BackendReport | null>(null);
  const backendsProblem = ref<string | null>(null);

  // The run being followed.
  const runState = ref<RunState>('idle');
  const runId = ref<number | null>(null);
  const finishedStatus = ref<'completed' | 'cancelled' | 'failed' | null>(null);
  const failureMessage = ref<string | null>(null);
  const setup = shallowRef<TrainingSetup | null>(null);
  const latest = shallowRef<TrainingProgressEvent | null>(null);
  const step = ref(0);
  const totalSteps = ref<number | null>(null);
  /** Chart points; the array is changed in place, `historyRevision` tells the chart to redraw. */
  const history = shallowRef<HistoryPoint[]>(markRaw([]));
  const historyRevision = ref(0);
  const savedModelId = ref<number | null>(null);
  /** The last stopped run, which "Resume" continues from its checkpoint. */
  const resumableRunId = ref<number | null>(null);

  const showPreview = ref(true);
  const previewOpacity = ref(0.5);
  const previewStep = ref<number | null>(null);
  const previewPage = shallowRef<PageRef | null>(null);

  const active = computed(() => runState.value === 'running' || runState.value === 'stopping');
  // Events may arrive before `training:start` answers with the run's id.
  let awaitingStart = false;

  const budgetProblem = computed(() => {
    if (budgetKind.value === 'steps') {
      return Number.isInteger(steps.value) && steps.value >= 1 && steps.value <= 1_000_000
        ? null
        : 'Steps must be a whole number from 1 to 1,000,000.';
    }
    return minutes.value > 0 && minutes.value <= 7 * 24 * 60
      ? null
      : 'Minutes must be above 0 and at most a week.';
  });
  const filtersProblem = computed(() =>
    filters.value === null ||
    (Number.isInteger(filters.value) && filters.value >= 2 && filters.value <= 128)
      ? null
      : 'Filters must be a whole number from 2 to 128, or empty for the preset’s own.',
  );

  function setHistory(points: HistoryPoint[]): void {
    history.value = markRaw(points);
    historyRevision.value++;
  }

  function clearPreview(): void {
    previewStep.value = null;
    previewPage.value = null;
    overlays.clear('preview');
  }

  /**
   * Shows a run from its start: a new run starts an empty chart, a resumed one continues its
   * own. The id may be unknown yet (null) until the first event or the start answer names it.
   */
  function beginRun(id: number | null, keepHistory: boolean): void {
    runId.value = id;
    runState.value = 'running';
    finishedStatus.value = null;
    failureMessage.value = null;
    setup.value = null;
    latest.value = null;
    if (!keepHistory) {
      setHistory([]);
      step.value = 0;
      totalSteps.value = null;
      clearPreview();
    }
  }

  /** Whether an event is about the run this panel shows (adopting a run it did not start). */
  function follows(id: number): boolean {
    if (id === runId.value) return true;
    if (awaitingStart) {
      runId.value = id;
      return true;
    }
    // A run started elsewhere (another window on the same studio): show it rather than nothing.
    if (!active.value && id > (runId.value ?? 0)) {
      beginRun(id, false);
      return true;
    }
    return false;
  }

  function onProgress(event: TrainingProgressEvent): void {
    if (!follows(event.runId)) return;
    // A late event of a run that already ended must not bring it back to life.
    if (!active.value) return;
    if (event.setup) setup.value = markRaw(event.setup);
    latest.value = markRaw(event);
    step.value = event.step;
    totalSteps.value = event.totalSteps;
    const points = history.value;
    appendPoint(points, pointFromProgress(event));
    if (points.length > MAX_STORED_POINTS)
      history.value = markRaw(thinHistory(points, MAX_STORED_POINTS));
    historyRevision.value++;
  }

  function previewVisible(page: PageRef): boolean {
    return showPreview.value && viewer.imageId === page.imageId && viewer.page === page.page;
  }

  function onPreview(event: EventOf<'training:preview'>): void {
    if (!follows(event.runId)) return;
    if (event.classes.length !== event.width * event.height) {
      console.error('training:preview: class map size does not match its width and height');
      return;
    }
    const rgba = renderClassRgba(event.classes, classPalette(project.info?.classes ?? []));
    const page = { imageId: event.imageId, page: event.page };
    // A large page is previewed in a window of it; the overlay is still page-sized.
    const summary = images.byId.get(event.imageId);
    const x = event.x ?? 0;
    const y = event.y ?? 0;
    const placement = {
      x,
      y,
      pageWidth: Math.max(summary?.width ?? 0, x + event.width),
      pageHeight: Math.max(summary?.height ?? 0, y + event.height),
    };
    overlays.set('preview', {
      canvas: canvasFromRgba(event.width, event.height, rgba, placement),
      ...page,
      opacity: previewOpacity.value,
      visible: previewVisible(page),
    });
    previewPage.value = markRaw(page);
    previewStep.value = event.step;
  }

  function onFinished(event: EventOf<'training:finished'>): void {
    if (!follows(event.runId)) return;
    finishedStatus.value = event.status;
    runState.value = event.status === 'failed' ? 'failed' : 'finished';
    resumableRunId.value = event.status === 'cancelled' ? event.runId : null;
    if (event.status === 'failed') {
      failureMessage.value = event.message ?? 'Training stopped because of an error.';
      notifications.reportError({ code: 'internal', message: failureMessage.value });
    }
    if (event.modelId !== undefined) {
      savedModelId.value = event.modelId;
      void usePredictionStore().loadModels(event.modelId);
    }
  }

  api.on('training:progress', onProgress);
  api.on('training:preview', onPreview);
  api.on('training:finished', onFinished);

  watch(
    () => [showPreview.value, viewer.imageId, viewer.page],
    () => {
      if (previewPage.value)
        overlays.update('preview', { visible: previewVisible(previewPage.value) });
    },
  );
  watch(previewOpacity, (value) => overlays.update('preview', { opacity: value }));

  function startRequest(resumeRunId: number | null): RequestOf<'training:start'> {
    const imageId = viewer.imageId;
    return {
      preset: preset.value,
      backend: backendChoice.value,
      ...(budgetKind.value === 'steps' ? { steps: steps.value } : { minutes: minutes.value }),
      ...(filters.value !== null ? { filters: filters.value } : {}),
      ...(imageId !== null ? { preview: { imageId, page: viewer.page } } : {}),
      ...(resumeRunId !== null ? { resumeRunId } : {}),
    };
  }

  async function start(resume = false): Promise<void> {
    if (active.value || budgetProblem.value || filtersProblem.value) return;
    const resumeRunId = resume ? resumableRunId.value : null;
    if (resume && resumeRunId === null) return;
    const before = runState.value;
    beginRun(resumeRunId, resumeRunId !== null);
    awaitingStart = true;
    let result;
    try {
      result = await notifications.call(api['training:start'](startRequest(resumeRunId)));
    } finally {
      awaitingStart = false;
    }
    if (!result.ok) {
      runState.value = resume ? before : 'idle';
      return;
    }
    runId.value = result.value.runId;
  }

  async function stop(): Promise<void> {
    const id = runId.value;
    if (id === null || runState.value !== 'running' || awaitingStart) return;
    runState.value = 'stopping';
    const result = await notifications.call(api['training:stop']({ runId: id }));
    if (!result.ok && runState.value === 'stopping') runState.value = 'running';
  }

  async function loadBackends(): Promise<void> {
    // Asked on every panel mount: a failure is shown in the panel, not as a banner each time.
    try {
      const result = await api['training:backends']({});
      backends.value = result.ok ? markRaw(result.value) : null;
      backendsProblem.value = result.ok ? null : result.error.message;
    } catch {
      backendsProblem.value = 'The studio did not say which engine trains.';
    }
  }

  function reset(): void {
    runState.value = 'idle';
    runId.value = null;
    finishedStatus.value = null;
    failureMessage.value = null;
    setup.value = null;
    latest.value = null;
    step.value = 0;
    totalSteps.value = null;
    setHistory([]);
    savedModelId.value = null;
    resumableRunId.value = null;
    clearPreview();
  }

  /** Picks up the run in progress, if any, and the last stopped run to resume. */
  async function restore(): Promise<void> {
    reset();
    void loadBackends();
    const [status, runs] = await Promise.all([
      notifications.call(api['training:status']({})),
      notifications.call(api['training:runs']({})),
    ]);
    if (runs.ok && runs.value.length > 0) {
      const last = runs.value.reduce((a, b) => (b.runId > a.runId ? b : a));
      if (last.status === 'cancelled') resumableRunId.value = last.runId;
    }
    const run = status.ok ? status.value : null;
    if (!run || (run.status !== 'running' && run.status !== 'queued')) return;
    runId.value = run.runId;
    if (!active.value) runState.value = 'running';
    step.value = Math.max(step.value, run.step);
    totalSteps.value = run.totalSteps;
    const rebuilt = historyFromSummary(run);
    // Events that arrived while the status was on its way continue the rebuilt chart.
    const lastStep = rebuilt[rebuilt.length - 1]?.step ?? -1;
    for (const point of history.value) if (point.step > lastStep) appendPoint(rebuilt, point);
    setHistory(rebuilt);
  }

  return {
    preset,
    backendChoice,
    budgetKind,
    steps,
    minutes,
    filters,
    backends,
    backendsProblem,
    runState,
    runId,
    finishedStatus,
    failureMessage,
    setup,
    latest,
    step,
    totalSteps,
    history,
    historyRevision,
    savedModelId,
    resumableRunId,
    showPreview,
    previewOpacity,
    previewStep,
    previewPage,
    active,
    budgetProblem,
    filtersProblem,
    start,
    stop,
    restore,
    reset,
  };
});
