// The window's training request, the annotation snapshot and the project's classes, as the
// compute process's `train` job payload. Defaults the window may leave out are decided here.
import type { ClassDef, ParsedRequestOf } from '../../../src-preload/contract';
import type { TrainJobRequest } from '../../engine/jobs/job-types';
import type { FilePair } from '../../engine/data/pair-files';

/** Steps of a run when the window gives no budget (both presets). */
export const DEFAULT_STEPS = 200;
export const DEFAULT_VALIDATE_EVERY = 50;
export const DEFAULT_PREVIEW_EVERY = 10;

export interface JobInputs {
  request: ParsedRequestOf<'training:start'>;
  pairs: FilePair[];
  classes: ClassDef[];
  numClasses: number;
  /** Absolute folder the job writes its checkpoints into. */
  outDir: string;
  /** The step count the job stops at (counting a resumed run's earlier steps); unset: minutes. */
  totalSteps: number | undefined;
  resume: boolean;
  /** The preview page's file, when the window asked for a preview. */
  preview: { image: string; page: number } | undefined;
}

export function buildTrainJobRequest(inputs: JobInputs): TrainJobRequest {
  const { request } = inputs;
  return {
    pairs: inputs.pairs,
    labelKind: 'painted',
    numClasses: inputs.numClasses,
    classes: inputs.classes.map(({ index, name, colour }) => ({ index, name, colour })),
    validateOnTraining: true,
    preset: request.preset,
    backend: request.backend,
    ...(request.filters !== undefined ? { filters: request.filters } : {}),
    ...(request.depth !== undefined ? { depth: request.depth } : {}),
    ...(request.tile !== undefined ? { tile: request.tile } : {}),
    ...(request.minutes !== undefined
      ? { minutes: request.minutes }
      : { steps: inputs.totalSteps ?? DEFAULT_STEPS }),
    seed: request.seed ?? 0,
    validateEvery: request.validateEvery ?? DEFAULT_VALIDATE_EVERY,
    outDir: inputs.outDir,
    resume: inputs.resume,
    ...(inputs.preview
      ? {
          preview: {
            ...inputs.preview,
            every: request.previewEvery ?? DEFAULT_PREVIEW_EVERY,
          },
        }
      : {}),
  };
}
