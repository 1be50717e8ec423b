// What a training run's record holds (config as JSON) and how it reads as the contract's
// TrainingRunSummary, for the chart and the list of runs.
import type { TrainingRunSummary } from '../../../src-preload/contract';
import type { TrainingRunRecord } from '../../store';
import { readHistory, type HistoryPoint } from './training-history';

/** The `config` of a run started from the window. */
export interface TrainingRunConfig {
  source: 'studio-training';
  /** The request as the window sent it (after defaults), for reproducing the run. */
  request: unknown;
  preset: string;
  /** Null for a run budgeted in minutes. */
  totalSteps: number | null;
  minutes: number | null;
  /** 0, or the step a resumed run continued from. */
  startStep: number;
  resumedFromRunId: number | null;
  numClasses: number;
  annotatedImages: number;
  labelledPixels: number;
}

/**
 * A run's folder, relative to the project: `snapshot/` (the annotation it trains on) and
 * `model/` (the job's checkpoints). Named by the run's id, so the record need not store it.
 */
export const runFolder = (runId: number) => `models/run-${runId}`;
export const runSnapshotDir = (runId: number) => `${runFolder(runId)}/snapshot`;
export const runModelDir = (runId: number) => `${runFolder(runId)}/model`;

export function readRunConfig(record: TrainingRunRecord): Partial<TrainingRunConfig> {
  return typeof record.config === 'object' && record.config !== null
    ? (record.config as Partial<TrainingRunConfig>)
    : {};
}

export function toRunSummary(
  record: TrainingRunRecord,
  liveHistory?: HistoryPoint[],
): TrainingRunSummary {
  const config = readRunConfig(record);
  const history = liveHistory ?? readHistory(record.history);
  const lastStep = history.at(-1)?.step ?? 0;
  return {
    runId: record.id,
    status: record.status,
    step: Math.max(lastStep, typeof config.startStep === 'number' ? config.startStep : 0),
    totalSteps: typeof config.totalSteps === 'number' ? config.totalSteps : null,
    history: liveHistory ? history.map((point) => ({ ...point })) : history,
    error: record.error,
  };
}
