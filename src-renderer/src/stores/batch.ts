// Batch segmentation of a folder with a project model: options, the job's progress (followed
// through events) and the summary at the end, failures per file listed without stopping the rest.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type {
  BatchFinishedEvent,
  BatchProgressEvent,
  FileProblem,
  RequestOf,
} from '../../../src-preload/contract';
import { getStudioApi } from '../api';
import { useNotificationsStore } from './notifications';

export type BatchState = 'idle' | 'running' | 'cancelling' | 'completed' | 'cancelled' | 'failed';
export type BatchOutput = NonNullable<RequestOf<'batch:start'>['write']>;

export const OUTPUT_KINDS: readonly { value: BatchOutput; label: string }[] = [
  { value: 'classes', label: 'Class masks (8-bit)' },
  { value: 'instances', label: 'Instance labels (16-bit)' },
  { value: 'probabilities', label: 'Probabilities (float32)' },
];

function sameFolder(a: string, b: string): boolean {
  const normalise = (path: string) => path.trim().replace(/[\\/]+$/, '');
  return normalise(a) === normalise(b);
}

export const useBatchStore = defineStore('batch', () => {
  const api = getStudioApi();
  const notifications = useNotificationsStore();

  const modelId = ref<number | null>(null);
  const inputFolder = ref('');
  const outputFolder = ref('');
  const write = ref<BatchOutput>('classes');
  const tta = ref(false);

  const state = ref<BatchState>('idle');
  const jobId = ref<number | null>(null);
  const total = ref(0);
  const done = ref(0);
  const currentFile = ref('');
  const imageFraction = ref(0);
  const failures = ref<FileProblem[]>([]);
  const summary = shallowRef<BatchFinishedEvent | null>(null);
  // Events may arrive before `batch:start` answers with the job's id.
  let awaitingStart = false;

  const active = computed(() => state.value === 'running' || state.value === 'cancelling');
  const failedCount = computed(() => summary.value?.failed.length ?? failures.value.length);
  const overallFraction = computed(() => {
    if (total.value === 0) return state.value === 'completed' ? 1 : 0;
    const partial = active.value ? imageFraction.value : 0;
    return Math.min(1, (done.value + partial) / total.value);
  });
  const startProblem = computed(() => {
    if (modelId.value === null) return 'Choose a model.';
    if (!inputFolder.value.trim()) return 'Choose the folder of images to segment.';
    if (!outputFolder.value.trim()) return 'Choose a folder for the results.';
    if (sameFolder(inputFolder.value, outputFolder.value)) {
      return 'Choose an output folder other than the input folder, so results are not read as images next time.';
    }
    return null;
  });

  function follows(id: number): boolean {
    if (id === jobId.value) return true;
    if (awaitingStart) {
      jobId.value = id;
      return true;
    }
    return false;
  }

  function onProgress(event: BatchProgressEvent): void {
    if (!follows(event.jobId) || !active.value) return;
    total.value = event.total;
    done.value = event.done;
    currentFile.value = event.file;
    imageFraction.value = event.imageFraction;
    if (event.failed !== undefined && !failures.value.some((f) => f.file === event.file)) {
      failures.value = [...failures.value, { file: event.file, reason: event.failed }];
    }
  }

  function onFinished(event: BatchFinishedEvent): void {
    if (!follows(event.jobId)) return;
    summary.value = markRaw(event);
    state.value = event.status;
    failures.value = event.failed;
    imageFraction.value = 0;
    currentFile.value = '';
    if (event.status === 'failed') {
      notifications.reportError({
        code: 'internal',
        message: event.message ?? 'Batch segmentation stopped because of an error.',
      });
    }
  }

  api.on('batch:progress', onProgress);
  api.on('batch:finished', onFinished);

  async function start(): Promise<void> {
    const model = modelId.value;
    if (active.value || startProblem.value || model === null) return;
    state.value = 'running';
    jobId.value = null;
    total.value = 0;
    done.value = 0;
    currentFile.value = '';
    imageFraction.value = 0;
    failures.value = [];
    summary.value = null;
    awaitingStart = true;
    let answer;
    try {
      answer = await notifications.call(
        api['batch:start']({
          modelId: model,
          inputFolder: inputFolder.value.trim(),
          outputFolder: outputFolder.value.trim(),
          write: write.value,
          tta: tta.value,
        }),
      );
    } finally {
      awaitingStart = false;
    }
    if (!answer.ok) {
      state.value = 'idle';
      return;
    }
    jobId.value = answer.value.jobId;
    // A finished event may already have ended the job (an empty folder).
    if (active.value) total.value = Math.max(total.value, answer.value.total);
  }

  async function cancel(): Promise<void> {
    const id = jobId.value;
    if (id === null || state.value !== 'running') return;
    state.value = 'cancelling';
    const answer = await notifications.call(api['batch:cancel']({ jobId: id }));
    if (!answer.ok && state.value === 'cancelling') state.value = 'running';
  }

  /** Back to the form, keeping the chosen folders and options. */
  function dismissSummary(): void {
    if (active.value) return;
    state.value = 'idle';
    summary.value = null;
    failures.value = [];
  }

  function reset(): void {
    dismissSummary();
    if (!active.value) jobId.value = null;
    modelId.value = null;
  }

  return {
    modelId,
    inputFolder,
    outputFolder,
    write,
    tta,
    state,
    jobId,
    total,
    done,
    currentFile,
    imageFraction,
    failures,
    summary,
    active,
    failedCount,
    overallFraction,
    startProblem,
    start,
    cancel,
    dismissSummary,
    reset,
  };
});
