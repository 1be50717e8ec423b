// Which project class each of a model's network classes stands for. Training keeps one rule
// everywhere: network class c is label value c + 1 (label 0 = unpainted). A model trained in the
// studio also carries the project classes it learned (studio.json `classes`, and `classes` in
// the store's model config); as project class
// indices may have gaps, its network has one class per index up to the largest, and the gaps
// were never painted. A model trained by the CLI carries only class names.
import { z } from 'zod';
import { ClassDef } from '../../../src-preload/contract';
import type { ModelMetadata } from '../../engine/checkpoint/model-metadata';

/** Colours for classes the project does not define (a CLI model with more classes). */
const SPARE_COLOURS = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#ec4899'];

const ClassList = z.array(ClassDef).min(1);

/** The project classes saved with a studio-trained model (studio.json, else the store), if any. */
function savedClasses(metadata: ModelMetadata, storeConfig: unknown): ClassDef[] | undefined {
  for (const candidate of [
    (metadata as { classes?: unknown }).classes,
    (storeConfig as { classes?: unknown } | null)?.classes,
  ]) {
    const parsed = ClassList.safeParse(candidate);
    if (!parsed.success) continue;
    const inRange = parsed.data.filter((k) => k.index <= metadata.network.numClasses);
    if (inRange.length > 0) return [...inRange].sort((a, b) => a.index - b.index);
  }
  return undefined;
}

/** The classes the store's model config names, for a model whose files are gone. */
export function configClasses(storeConfig: unknown): ClassDef[] {
  const parsed = ClassList.safeParse((storeConfig as { classes?: unknown } | null)?.classes);
  return parsed.success ? parsed.data : [];
}

/** The classes the model predicts, by label value (index), in index order. */
export function modelClasses(
  metadata: ModelMetadata,
  storeConfig: unknown,
  projectClasses: readonly ClassDef[],
): ClassDef[] {
  const saved = savedClasses(metadata, storeConfig);
  if (saved) return saved;
  return Array.from({ length: metadata.network.numClasses }, (_, c) => {
    const index = c + 1;
    const project = projectClasses.find((k) => k.index === index);
    return {
      index,
      name: metadata.classNames[c] ?? project?.name ?? `Class ${index}`,
      colour: project?.colour ?? SPARE_COLOURS[c % SPARE_COLOURS.length]!,
    };
  });
}

/**
 * The label value of each network class (c + 1), or 0 for a class the model never learned (a gap
 * in the project's indices), which then never wins a pixel.
 */
export function labelValues(metadata: ModelMetadata, classes: readonly ClassDef[]): number[] {
  const learned = new Set(classes.map((k) => k.index));
  return Array.from({ length: metadata.network.numClasses }, (_, c) =>
    learned.has(c + 1) ? c + 1 : 0,
  );
}

/**
 * Why this model's output cannot become labels of this project, or undefined when it can: every
 * label value it writes must be one of the project's classes.
 */
export function classMismatch(
  classes: readonly ClassDef[],
  projectClasses: readonly ClassDef[],
): string | undefined {
  const known = new Set(projectClasses.map((k) => k.index));
  const unknown = classes.filter((k) => !known.has(k.index));
  if (unknown.length === 0) return undefined;
  const names = unknown.map((k) => `"${k.name}" (${k.index})`).join(', ');
  return `the model predicts ${names}, which the project's classes do not include`;
}
