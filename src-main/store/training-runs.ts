// Training runs: what was asked (config, seed, for reproducibility) and what happened (status,
// per-epoch history). The engine owns the meaning of config and history; they are JSON here.
import { fromJsonText, isoNow, toJsonText } from './column-values';
import type { Db } from './connection';
import { invalid, notFound } from './store-error';

export const TRAINING_RUN_STATUSES = [
  'queued',
  'running',
  'completed',
  'cancelled',
  'failed',
] as const;
export type TrainingRunStatus = (typeof TRAINING_RUN_STATUSES)[number];

/** Where a run may go next; a finished run is history and stays as it ended. */
const NEXT_STATUSES: Record<TrainingRunStatus, readonly TrainingRunStatus[]> = {
  queued: ['queued', 'running', 'cancelled', 'failed'],
  running: ['running', 'completed', 'cancelled', 'failed'],
  completed: [],
  cancelled: [],
  failed: [],
};

export interface NewTrainingRun {
  config: unknown;
  seed: number;
}

export interface TrainingRunUpdate {
  status?: TrainingRunStatus;
  history?: unknown;
  /** Why a run failed, in the person's words. */
  error?: string | null;
}

export interface TrainingRunRecord {
  id: number;
  config: unknown;
  seed: number;
  status: TrainingRunStatus;
  history: unknown;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface TrainingRunRow {
  id: number;
  config: string;
  seed: number;
  status: TrainingRunStatus;
  history: string;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

function toRecord(row: TrainingRunRow): TrainingRunRecord {
  return {
    id: row.id,
    config: fromJsonText(row.config),
    seed: row.seed,
    status: row.status,
    history: fromJsonText(row.history),
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function createTrainingRun(db: Db, run: NewTrainingRun): TrainingRunRecord {
  if (!Number.isSafeInteger(run.seed))
    throw invalid(`The random seed must be a whole number (got ${run.seed}).`);
  const { lastInsertRowid } = db
    .prepare(`INSERT INTO training_runs (config, seed, created_at) VALUES (?, ?, ?)`)
    .run(toJsonText(run.config, 'The training settings'), run.seed, isoNow());
  return requireTrainingRun(db, Number(lastInsertRowid));
}

export function getTrainingRun(db: Db, id: number): TrainingRunRecord | undefined {
  const row = db
    .prepare<[number], TrainingRunRow>('SELECT * FROM training_runs WHERE id = ?')
    .get(id);
  return row && toRecord(row);
}

function requireTrainingRun(db: Db, id: number): TrainingRunRecord {
  const run = getTrainingRun(db, id);
  if (!run) throw notFound(`Training run ${id}`);
  return run;
}

export function listTrainingRuns(db: Db): TrainingRunRecord[] {
  return db
    .prepare<[], TrainingRunRow>('SELECT * FROM training_runs ORDER BY id')
    .all()
    .map(toRecord);
}

/** Records progress or an outcome; start and finish times are stamped on the transition. */
export function updateTrainingRun(
  db: Db,
  id: number,
  update: TrainingRunUpdate,
): TrainingRunRecord {
  const history =
    update.history === undefined ? undefined : toJsonText(update.history, 'The training history');
  return db
    .transaction(() => {
      const run = requireTrainingRun(db, id);
      const status = update.status ?? run.status;
      if (!TRAINING_RUN_STATUSES.includes(status))
        throw invalid(`Unknown training status ${status}.`);
      if (!NEXT_STATUSES[run.status].includes(status)) {
        throw invalid(
          `Training run ${id} has already ${run.status === 'completed' ? 'completed' : `been ${run.status}`}; it cannot be changed to ${status}.`,
        );
      }
      const now = isoNow();
      const startedAt = run.startedAt ?? (status === 'running' ? now : null);
      const finished = ['completed', 'cancelled', 'failed'].includes(status);
      db.prepare(
        `UPDATE training_runs
         SET status = ?, history = coalesce(?, history), error = ?, started_at = ?, finished_at = ?
         WHERE id = ?`,
      ).run(
        status,
        history ?? null,
        update.error === undefined ? run.error : update.error,
        startedAt,
        finished ? now : null,
        id,
      );
      return requireTrainingRun(db, id);
    })
    .immediate();
}
