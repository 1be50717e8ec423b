// Small label maps drawn as text, so that a test shows the pixels it expects.
import type { RunPainter } from '../../../../src-renderer/src/lib/annotation/brush';

/** Rows of digits ('.' = 0) to a label map. */
export function mapFromRows(rows: readonly string[]): {
  map: Uint8Array;
  width: number;
  height: number;
} {
  const height = rows.length;
  const width = (rows[0] as string).length;
  const map = new Uint8Array(width * height);
  rows.forEach((row, y) => {
    for (let x = 0; x < width; x++) {
      const ch = row[x] as string;
      map[y * width + x] = ch === '.' ? 0 : Number(ch);
    }
  });
  return { map, width, height };
}

export function rowsFromMap(map: Uint8Array, width: number): string[] {
  const rows: string[] = [];
  for (let start = 0; start < map.length; start += width) {
    rows.push(
      Array.from(map.subarray(start, start + width), (v) => (v === 0 ? '.' : String(v))).join(''),
    );
  }
  return rows;
}

/** Records painted pixels as "x,y" strings (runs may repeat pixels; a set keeps each once). */
export class PixelSet implements RunPainter {
  readonly pixels = new Set<string>();

  paintRun(y: number, x0: number, x1: number): void {
    for (let x = x0; x <= x1; x++) this.pixels.add(`${x},${y}`);
  }

  has(x: number, y: number): boolean {
    return this.pixels.has(`${x},${y}`);
  }

  /** Offsets from (cx, cy), sorted, for comparing stamps. */
  relativeTo(cx: number, cy: number): string[] {
    return [...this.pixels]
      .map((p) => p.split(',').map(Number) as [number, number])
      .map(([x, y]) => `${x - cx},${y - cy}`)
      .sort();
  }
}

/** Whether a set of "x,y" pixels is connected through edges (4) or also corners (8). */
export function isConnected(pixels: Set<string>, connectivity: 4 | 8): boolean {
  const first = pixels.values().next().value;
  if (first === undefined) return true;
  const steps =
    connectivity === 4
      ? [
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
        ]
      : [
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
          [1, 1],
          [1, -1],
          [-1, 1],
          [-1, -1],
        ];
  const seen = new Set([first]);
  const queue = [first];
  while (queue.length > 0) {
    const [x, y] = (queue.pop() as string).split(',').map(Number) as [number, number];
    for (const [dx, dy] of steps as [number, number][]) {
      const key = `${x + dx},${y + dy}`;
      if (pixels.has(key) && !seen.has(key)) {
        seen.add(key);
        queue.push(key);
      }
    }
  }
  return seen.size === pixels.size;
}
