// What `evaluate` prints: a table people read, then one JSON line scripts read (always last).
import type { LabelsAre } from './read-label-image';
import type { ImageScores } from './score-pair';

const DIGITS = 4;
const COLUMN = 14;

function columns(labelsAre: LabelsAre): { title: string; value: (s: ImageScores) => number }[] {
  const shared = [
    { title: 'pixel error', value: (s: ImageScores) => s.pixelError },
    { title: 'foreground IoU', value: (s: ImageScores) => s.foregroundIoU },
    { title: 'Rand error', value: (s: ImageScores) => s.randError },
  ];
  return labelsAre === 'instances'
    ? [...shared, { title: 'object F1', value: (s: ImageScores) => s.objectF1 ?? NaN }]
    : shared;
}

export function formatTable(rows: ImageScores[], labelsAre: LabelsAre): string[] {
  const cols = columns(labelsAre);
  const nameWidth = Math.max(5, ...rows.map((r) => r.name.length));
  const header = ['image'.padEnd(nameWidth), ...cols.map((c) => c.title.padStart(COLUMN))];
  const lines = [header.join('  ')];
  for (const row of rows) {
    const cells = cols.map((c) => c.value(row).toFixed(DIGITS).padStart(COLUMN));
    lines.push([row.name.padEnd(nameWidth), ...cells].join('  '));
  }
  return lines;
}

const mean = (rows: ImageScores[], value: (s: ImageScores) => number): number | null =>
  rows.length === 0 ? null : rows.reduce((sum, r) => sum + value(r), 0) / rows.length;

/**
 * Means over images (each image weighs the same, as in the ISBI and DSB leaderboards), not
 * pooled over pixels; null when no image could be evaluated.
 */
export function summaryJson(rows: ImageScores[], labelsAre: LabelsAre): string {
  const summary: Record<string, number | null> = {
    images: rows.length,
    pixel_error: mean(rows, (r) => r.pixelError),
    foreground_iou: mean(rows, (r) => r.foregroundIoU),
    rand_error: mean(rows, (r) => r.randError),
  };
  if (labelsAre === 'instances') summary.object_f1 = mean(rows, (r) => r.objectF1 ?? NaN);
  return JSON.stringify(summary);
}
