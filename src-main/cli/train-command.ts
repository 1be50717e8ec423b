// `npm run cli -- train ...`: train a U-Net on folders of images and labels.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TrainJobProgress, TrainJobRequest, TrainJobResult } from '../engine/jobs/job-types';
import { CliError } from './cli-error';
import { runComputeJob } from './compute-runner';
import { choiceOption, numberOption } from './number-option';

export const TRAIN_USAGE = `  npm run cli -- train --images DIR --labels DIR --out MODEL_DIR
      [--val-images DIR --val-labels DIR | --train-count N]
      [--labels-are binary|classes|instances] [--preset cpu|paper] [--filters N] [--depth N] [--tile N]
      [--steps N | --minutes M] [--seed S] [--backend auto|tensorflow|wasm|cpu]
      [--optimizer sgd|adam] [--lr X] [--lr-schedule constant|cosine] [--w0 X] [--separation 1|2]
      [--validate-every N] [--resume] [--json]`;

function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

export function describeProgress(p: TrainJobProgress): string {
  const parts = [`step ${p.step}${p.totalSteps ? `/${p.totalSteps}` : ''}`];
  if (Number.isFinite(p.smoothedLoss)) parts.push(`loss ${p.smoothedLoss.toFixed(4)}`);
  if (p.validation) {
    parts.push(
      `val loss ${p.validation.loss.toFixed(4)} pixel error ${p.validation.pixelError.toFixed(4)} IoU ${p.validation.foregroundIoU.toFixed(4)}`,
    );
  }
  parts.push(`${p.tilesPerSecond.toFixed(2)} tiles/s`);
  if (p.etaSeconds !== undefined) parts.push(`ETA ${formatDuration(p.etaSeconds)}`);
  parts.push(`${Math.round(p.memory.rssMegabytes)} MB`);
  if (p.phase !== 'training') parts.push(`(${p.phase})`);
  return parts.join('  ');
}

export function parseTrainArgs(args: string[]): { request: TrainJobRequest; json: boolean } {
  const { values } = parseArgs({
    args,
    options: {
      images: { type: 'string' },
      labels: { type: 'string' },
      out: { type: 'string' },
      'val-images': { type: 'string' },
      'val-labels': { type: 'string' },
      'train-count': { type: 'string' },
      'labels-are': { type: 'string' },
      preset: { type: 'string' },
      filters: { type: 'string' },
      depth: { type: 'string' },
      tile: { type: 'string' },
      steps: { type: 'string' },
      minutes: { type: 'string' },
      seed: { type: 'string' },
      backend: { type: 'string' },
      optimizer: { type: 'string' },
      lr: { type: 'string' },
      'lr-schedule': { type: 'string' },
      w0: { type: 'string' },
      separation: { type: 'string' },
      'validate-every': { type: 'string' },
      resume: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.images || !values.labels || !values.out)
    throw new CliError(`train needs --images, --labels and --out.\n${TRAIN_USAGE}`);
  if (values.steps !== undefined && values.minutes !== undefined)
    throw new CliError('Give --steps or --minutes, not both.');
  if ((values['val-images'] === undefined) !== (values['val-labels'] === undefined)) {
    throw new CliError('--val-images and --val-labels go together.');
  }
  const steps = numberOption('steps', values.steps, { integer: true, min: 1 });
  const minutes = numberOption('minutes', values.minutes, { min: 0 });
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, V>);
  const request: TrainJobRequest = {
    imagesDir: resolve(values.images),
    labelsDir: resolve(values.labels),
    ...optional('valImagesDir', values['val-images'] && resolve(values['val-images'])),
    ...optional('valLabelsDir', values['val-labels'] && resolve(values['val-labels'])),
    ...optional(
      'trainCount',
      numberOption('train-count', values['train-count'], { integer: true, min: 1 }),
    ),
    labelKind: choiceOption(
      'labels-are',
      values['labels-are'],
      ['binary', 'classes', 'instances'] as const,
      'binary',
    ),
    preset: choiceOption('preset', values.preset, ['cpu', 'paper'] as const, 'cpu'),
    ...optional('filters', numberOption('filters', values.filters, { integer: true, min: 1 })),
    ...optional('depth', numberOption('depth', values.depth, { integer: true, min: 1 })),
    ...optional('tile', numberOption('tile', values.tile, { integer: true, min: 1 })),
    // Without a budget, a run stops after 1000 steps rather than never.
    ...(steps === undefined && minutes === undefined ? { steps: 1000 } : {}),
    ...optional('steps', steps),
    ...optional('minutes', minutes),
    seed: numberOption('seed', values.seed, { integer: true, min: 0 }) ?? 0,
    backend: choiceOption(
      'backend',
      values.backend,
      ['auto', 'tensorflow', 'wasm', 'cpu'] as const,
      'auto',
    ),
    ...optional(
      'optimizer',
      values.optimizer === undefined
        ? undefined
        : choiceOption('optimizer', values.optimizer, ['sgd', 'adam'] as const, 'adam'),
    ),
    ...optional('learningRate', numberOption('lr', values.lr, { min: 0 })),
    ...optional('w0', numberOption('w0', values.w0, { min: 0 })),
    ...optional(
      'separation',
      values.separation === undefined
        ? undefined
        : (Number(choiceOption('separation', values.separation, ['1', '2'] as const, '2')) as
            1 | 2),
    ),
    ...optional(
      'learningRateSchedule',
      values['lr-schedule'] === undefined
        ? undefined
        : choiceOption(
            'lr-schedule',
            values['lr-schedule'],
            ['constant', 'cosine'] as const,
            'cosine',
          ),
    ),
    ...optional(
      'validateEvery',
      numberOption('validate-every', values['validate-every'], { integer: true, min: 1 }),
    ),
    outDir: resolve(values.out),
    resume: values.resume ?? false,
  };
  return { request, json: values.json ?? false };
}

export async function runTrainCommand(args: string[]): Promise<number> {
  const { request, json } = parseTrainArgs(args);
  const interactive = !json && process.stderr.isTTY;
  let lastLine = 0;
  const result = await runComputeJob<TrainJobResult, TrainJobProgress>(
    'train',
    request,
    (progress) => {
      if (json) {
        console.log(JSON.stringify({ event: 'progress', ...progress }));
        return;
      }
      if (progress.setup) {
        const skipped = progress.setup.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
        console.error(
          `Training on ${progress.setup.backend}${skipped ? ` (not used: ${skipped})` : ''}: ${progress.setup.trainImages} training and ${progress.setup.validationImages} validation images, tile ${progress.setup.tile} px${progress.setup.tileReducedFrom ? ` (${progress.setup.tileReducedFrom} px would not fit in memory)` : ''}.`,
        );
        return;
      }
      const line = describeProgress(progress);
      if (interactive) process.stderr.write(`\r${line.padEnd(lastLine)}`);
      else if (progress.validation || progress.phase === 'done' || progress.step % 10 === 0)
        console.error(line);
      lastLine = line.length;
    },
  );
  if (interactive) process.stderr.write('\n');
  const best = result.best
    ? `; best validation at step ${result.best.step}: pixel error ${result.best.pixelError.toFixed(4)}, foreground IoU ${result.best.foregroundIoU.toFixed(4)}`
    : '';
  const verb = result.status === 'cancelled' ? 'Stopped' : 'Trained';
  console.error(
    `${verb} ${result.steps} steps in ${formatDuration(result.seconds)} on ${result.backend}${best}. Model saved in ${result.outDir}.`,
  );
  if (json) {
    const { history: _history, ...summary } = result;
    console.log(JSON.stringify({ event: 'result', ...summary }));
  }
  return 0;
}
