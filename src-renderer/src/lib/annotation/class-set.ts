// Adding a class: the label value it paints (the lowest one free, so keys 1..9 stay in order)
// and a colour that stands apart from those in use.
import type { ClassDef } from '../../../../src-preload/contract';
import { hexToRgb } from './label-colours';

export const MAX_CLASS_INDEX = 255;

/**
 * Colours that read well over gray microscopy and apart from one another (Tableau 10 order,
 * with the two defaults, blue background and amber foreground, first).
 */
export const CLASS_COLOURS = [
  '#3b82f6',
  '#f59e0b',
  '#10b981',
  '#ef4444',
  '#a855f7',
  '#ec4899',
  '#14b8a6',
  '#eab308',
  '#f97316',
  '#84cc16',
  '#06b6d4',
  '#8b5cf6',
];

export function nextFreeIndex(classes: readonly ClassDef[]): number | null {
  const used = new Set(classes.map((c) => c.index));
  for (let index = 1; index <= MAX_CLASS_INDEX; index++) if (!used.has(index)) return index;
  return null;
}

function distance(a: string, b: string): number {
  const [r1, g1, b1] = hexToRgb(a);
  const [r2, g2, b2] = hexToRgb(b);
  return Math.hypot(r1 - r2, g1 - g2, b1 - b2);
}

/** The first palette colour not in use; once all are, the one farthest from every used one. */
export function distinctColour(classes: readonly ClassDef[]): string {
  const used = classes.map((c) => c.colour.toLowerCase());
  const free = CLASS_COLOURS.find((colour) => !used.includes(colour));
  if (free) return free;
  let best = CLASS_COLOURS[0] as string;
  let bestDistance = -1;
  // A coarse sweep of the colour cube is plenty: the person can recolour any class.
  for (let r = 0; r < 256; r += 51) {
    for (let g = 0; g < 256; g += 51) {
      for (let b = 0; b < 256; b += 51) {
        const colour = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
        const nearest = Math.min(...used.map((u) => distance(u, colour)));
        if (nearest > bestDistance) {
          best = colour;
          bestDistance = nearest;
        }
      }
    }
  }
  return best;
}

/** "Class 3", or "Class 3 (2)" when a class already has that name (names are unique, any case). */
export function uniqueName(classes: readonly ClassDef[], base: string): string {
  const taken = new Set(classes.map((c) => c.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** The class a new "Add class" creates, or null when all 255 label values are in use. */
export function newClass(classes: readonly ClassDef[]): ClassDef | null {
  const index = nextFreeIndex(classes);
  if (index === null) return null;
  return { index, name: uniqueName(classes, `Class ${index}`), colour: distinctColour(classes) };
}
