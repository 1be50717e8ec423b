// Instances for the border weight: from a painted mask (connected components) or from an instance
// map, separated the way the paper's training data is (Sec. 3: touching cells are split by a line
// of background, "computed using morphological operations").
import { labelComponents } from '../morphology/connected-components';
import { compactInstanceIds } from './instance-ids';

/** Connected components (8-connectivity) of the pixels labelled `foregroundClass`. */
export function instancesFromMask(
  labels: Uint8Array,
  width: number,
  height: number,
  foregroundClass = 2,
): Int32Array {
  const mask = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) mask[i] = labels[i] === foregroundClass ? 1 : 0;
  return labelComponents(mask, width, height, 8).labels;
}

/**
 * Connected components of every labelled, non-background class; pixels of different classes never
 * join, so two touching objects of different classes stay two instances.
 */
export function instancesOfNonBackground(
  labels: Uint8Array,
  width: number,
  height: number,
  backgroundClass: number,
): Int32Array {
  const mask = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    mask[i] = label === backgroundClass ? 0 : label;
  }
  return labelComponents(mask, width, height, 8, true).labels;
}

/** The binary training labels of an instance map: 1 (background) outside, 2 (foreground) inside. */
export function binaryLabelsFromInstances(instances: Int32Array): Uint8Array {
  const labels = new Uint8Array(instances.length);
  for (let i = 0; i < instances.length; i++) labels[i] = instances[i] !== 0 ? 2 : 1;
  return labels;
}

const NEIGHBOURS_X = [-1, 0, 1, -1, 1, -1, 0, 1] as const;
const NEIGHBOURS_Y = [-1, -1, -1, 0, 0, 1, 1, 1] as const;

/**
 * Width of the background line put between touching instances. 1 is the paper's "separating
 * background"; 2 takes both sides of every contact, which on densely packed nuclei (DSB) taught
 * the network a clearer gap and fewer merged objects (README, "Object F1 on DSB").
 */
export type SeparationGap = 1 | 2;

/**
 * Where two different instances touch (8-connectivity), contact pixels become background.
 * With a 1-px gap only the pixel of the pair's "loser" goes: the larger instance (ties: the larger
 * id), so a small nucleus pressed against a big one keeps its pixels. Every pair has the same loser
 * on all of its contact pixels, so one pass over the original map is enough: no two different
 * instances remain 8-adjacent. With a 2-px gap both sides go. A one-pixel-thin object can still
 * vanish where it loses; that is the price of a gap.
 */
export function separateTouchingInstances(
  instances: Int32Array,
  width: number,
  height: number,
  gap: SeparationGap = 1,
): { instances: Int32Array; border: Uint8Array } {
  const n = width * height;
  if (instances.length !== n)
    throw new RangeError(`instances have ${instances.length} pixels, expected ${n}`);
  if (gap !== 1 && gap !== 2) throw new RangeError(`separation gap must be 1 or 2, got ${gap}`);
  const { dense, count } = compactInstanceIds(instances);
  const area = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) area[dense[i]!]! += 1;
  const separated = Int32Array.from(instances);
  const border = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const a = dense[i]!;
      if (a === 0) continue;
      for (let k = 0; k < 8; k++) {
        const nx = x + NEIGHBOURS_X[k]!;
        const ny = y + NEIGHBOURS_Y[k]!;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const b = dense[ny * width + nx]!;
        // Dense ids are ordered like the original ids, so `a > b` is the "larger id" tie-break.
        if (b === 0 || b === a) continue;
        if (gap === 2 || area[a]! > area[b]! || (area[a] === area[b] && a > b)) {
          separated[i] = 0;
          border[i] = 1;
          break;
        }
      }
    }
  }
  return { instances: separated, border };
}
