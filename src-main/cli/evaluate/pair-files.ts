// Pairs prediction files with ground-truth files by base name, so `x.tif` (a saved prediction)
// meets `x.png` (the annotation) whatever format each side was saved in.
import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { imageFileNames } from '../../services/folder-listing';
import { CliError } from '../cli-error';

export interface FilePair {
  /** The shared base name, without extension. */
  name: string;
  pred: string;
  truth: string;
}

export interface PairProblem {
  file: string;
  reason: string;
}

export interface Pairing {
  pairs: FilePair[];
  /** Ground truth that cannot be evaluated: no prediction, or an ambiguous name. */
  problems: PairProblem[];
  /** Predictions with no ground truth: listed for the person, but not an error. */
  unmatchedPredictions: string[];
}

// "2" before "10": slices and tiles are numbered without zero padding.
const byName = new Intl.Collator('en', { numeric: true }).compare;

async function requireFolder(dir: string, option: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new CliError(`${option} folder "${dir}" does not exist.`);
  if (!info.isDirectory()) throw new CliError(`${option} "${dir}" is not a folder.`);
}

/** Image files by base name; a base name shared by several files maps to all of them. */
async function imagesByStem(dir: string): Promise<Map<string, string[]>> {
  const byStem = new Map<string, string[]>();
  for (const name of await imageFileNames(dir)) {
    const stem = name.slice(0, name.length - extname(name).length);
    byStem.set(stem, [...(byStem.get(stem) ?? []), name]);
  }
  return byStem;
}

export async function pairFolders(predDir: string, truthDir: string): Promise<Pairing> {
  await requireFolder(predDir, '--pred');
  await requireFolder(truthDir, '--truth');
  const preds = await imagesByStem(predDir);
  const truths = await imagesByStem(truthDir);
  if (truths.size === 0)
    throw new CliError(`No images (TIFF, PNG, JPEG) in --truth "${truthDir}".`);

  const pairs: FilePair[] = [];
  const problems: PairProblem[] = [];
  for (const stem of [...truths.keys()].sort(byName)) {
    const truthFiles = truths.get(stem)!;
    const predFiles = preds.get(stem) ?? [];
    if (truthFiles.length > 1 || predFiles.length > 1) {
      const clash = truthFiles.length > 1 ? truthFiles : predFiles;
      problems.push({
        file: stem,
        reason: `several files share this name (${clash.join(', ')}); keep one`,
      });
    } else if (predFiles.length === 0) {
      problems.push({ file: truthFiles[0]!, reason: 'no prediction with this name' });
    } else {
      pairs.push({
        name: stem,
        pred: join(predDir, predFiles[0]!),
        truth: join(truthDir, truthFiles[0]!),
      });
    }
  }
  const unmatchedPredictions = [...preds.keys()]
    .filter((stem) => !truths.has(stem))
    .sort(byName)
    .flatMap((stem) => preds.get(stem)!);
  return { pairs, problems, unmatchedPredictions };
}
