// `evaluate --pred DIR --truth DIR`: scores saved predictions against ground truth, per image
// and on average, with the metrics of the U-Net paper (pixel error, Rand error, IoU).
import { parseArgs } from 'node:util';
import { CliError, EXIT_PARTIAL } from './cli-error';
import { pairFolders, type PairProblem } from './evaluate/pair-files';
import { readLabelImage, type LabelsAre } from './evaluate/read-label-image';
import { formatTable, summaryJson } from './evaluate/report';
import { scorePair, type ImageScores } from './evaluate/score-pair';

export const EVALUATE_USAGE = `Usage:
  npm run cli -- evaluate --pred DIR --truth DIR [--labels-are binary|instances]

  Pairs files by name without extension (pred x.tif with truth x.png). binary (default): any
  non-zero pixel is foreground. instances: 0 is background, 1..N are objects (16-bit files).
  Prints one row per image, then a JSON line with the means over images.`;

function parseEvaluateArgs(args: string[]): { pred: string; truth: string; labelsAre: LabelsAre } {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        pred: { type: 'string' },
        truth: { type: 'string' },
        'labels-are': { type: 'string', default: 'binary' },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${EVALUATE_USAGE}`);
  }
  const { pred, truth } = values;
  const labelsAre = values['labels-are'];
  if (!pred || !truth) {
    throw new CliError(`evaluate needs --pred DIR and --truth DIR.\n${EVALUATE_USAGE}`);
  }
  if (labelsAre !== 'binary' && labelsAre !== 'instances') {
    throw new CliError(`--labels-are must be "binary" or "instances", not "${labelsAre}".`);
  }
  return { pred, truth, labelsAre };
}

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export async function runEvaluateCommand(args: string[]): Promise<number> {
  const { pred, truth, labelsAre } = parseEvaluateArgs(args);
  const pairing = await pairFolders(pred, truth);
  const problems: PairProblem[] = [...pairing.problems];
  const rows: ImageScores[] = [];

  // One pair at a time: two full-size images in memory at once, never the whole folder.
  for (const pair of pairing.pairs) {
    try {
      const [p, t] = await Promise.all([
        readLabelImage(pair.pred, labelsAre),
        readLabelImage(pair.truth, labelsAre),
      ]);
      if (p.width !== t.width || p.height !== t.height) {
        problems.push({
          file: pair.name,
          reason: `the prediction is ${p.width} x ${p.height} but the ground truth is ${t.width} x ${t.height}`,
        });
        continue;
      }
      rows.push(scorePair(pair.name, p, t, labelsAre));
    } catch (error) {
      problems.push({ file: pair.name, reason: reasonOf(error) });
    }
  }

  for (const line of formatTable(rows, labelsAre)) console.log(line);
  if (pairing.unmatchedPredictions.length > 0) {
    console.log(
      `${pairing.unmatchedPredictions.length} prediction(s) without ground truth, ignored:`,
    );
    for (const file of pairing.unmatchedPredictions) console.log(`  ${file}`);
  }
  if (problems.length > 0) {
    console.log(`${problems.length} image(s) could not be evaluated:`);
    for (const problem of problems) console.log(`  ${problem.file}: ${problem.reason}`);
  }
  console.log(summaryJson(rows, labelsAre));
  return problems.length > 0 ? EXIT_PARTIAL : 0;
}
