import { describe, expect, it } from 'vitest';
import { paintCapsule } from '../../../../src-renderer/src/lib/annotation/brush';
import {
  LabelPainter,
  changeBytes,
  diffLabels,
  replaceLabels,
  type LabelChange,
} from '../../../../src-renderer/src/lib/annotation/label-change';
import {
  HistoryBook,
  LabelHistory,
} from '../../../../src-renderer/src/lib/annotation/label-history';
import { tilesOfIndices } from '../../../../src-renderer/src/lib/annotation/label-tiles';
import { mapFromRows, rowsFromMap } from './helpers';

/** The first index where two maps differ, or -1 (deep-equal on 78,000 bytes is slow). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function stroke(map: Uint8Array, width: number, value: number, y: number, x0: number, x1: number) {
  const painter = new LabelPainter(map, width, map.length / width, value);
  painter.paintRun(y, x0, x1);
  return painter.finish() as LabelChange;
}

describe('LabelPainter', () => {
  it('records only the pixels whose value changed, once each', () => {
    const { map, width, height } = mapFromRows(['..22..', '......']);
    const painter = new LabelPainter(map, width, height, 2);
    painter.paintRun(0, 0, 5);
    painter.paintRun(0, 1, 4); // again over the same row: nothing new
    const change = painter.finish();
    expect(Array.from(change?.indices ?? [])).toEqual([0, 1, 4, 5]);
    expect(Array.from(change?.before ?? [])).toEqual([0, 0, 0, 0]);
    expect(change?.bounds).toEqual({ x: 0, y: 0, width: 6, height: 1 });
    expect(changeBytes(change as LabelChange)).toBe(4 * 6);
  });

  it('returns no change for a gesture that changed nothing', () => {
    const { map, width, height } = mapFromRows(['11']);
    const painter = new LabelPainter(map, width, height, 1);
    painter.paintRun(0, 0, 1);
    expect(painter.finish()).toBeNull();
  });

  it('hands the canvas only what changed since it last asked', () => {
    const map = new Uint8Array(100 * 100);
    const painter = new LabelPainter(map, 100, 100, 1);
    paintCapsule(painter, { x: 10.5, y: 10.5 }, { x: 10.5, y: 10.5 }, 3);
    expect(painter.takeRedrawRect()).toEqual({ x: 9, y: 9, width: 3, height: 3 });
    paintCapsule(painter, { x: 10.5, y: 10.5 }, { x: 20.5, y: 10.5 }, 3);
    expect(painter.takeRedrawRect()).toEqual({ x: 12, y: 9, width: 10, height: 3 });
    expect(painter.takeRedrawRect()).toBeNull();
  });
});

describe('LabelPainter beyond what undo can keep', () => {
  it('goes on painting but stops recording, frees what it held and finishes with no entry', () => {
    const width = 100;
    const map = new Uint8Array(width * 50);
    const painter = new LabelPainter(map, width, 50, 3, 250);
    for (let y = 0; y < 2; y++) painter.paintRun(y, 0, width - 1);
    expect(painter.overflowed).toBe(false);
    expect(painter.indicesSince(0)).toHaveLength(200);
    for (let y = 2; y < 10; y++) painter.paintRun(y, 10, 59);
    expect(painter.overflowed).toBe(true);
    expect(painter.count).toBe(200 + 8 * 50);
    expect(painter.indicesSince(0)).toHaveLength(0);
    expect(painter.indicesSince(200)).toHaveLength(0);
    expect(painter.changedBounds()).toEqual({ x: 0, y: 0, width: 100, height: 10 });
    expect(painter.finish()).toBeNull();
    // Every pixel was painted all the same.
    expect(map.subarray(0, 200).every((v) => v === 3)).toBe(true);
    expect(map[9 * width + 59]).toBe(3);
    expect(map[9 * width + 60]).toBe(0);
  });

  it('records a gesture of exactly the limit', () => {
    const map = new Uint8Array(40);
    const painter = new LabelPainter(map, 10, 4, 1, 40);
    for (let y = 0; y < 4; y++) painter.paintRun(y, 0, 9);
    expect(painter.overflowed).toBe(false);
    expect(painter.finish()?.indices).toHaveLength(40);
  });
});

describe('LabelHistory', () => {
  it('undoes and redoes strokes back to the exact bytes', () => {
    const map = new Uint8Array(8 * 4);
    const history = new LabelHistory();
    const states = [map.slice()];
    history.push(stroke(map, 8, 1, 1, 0, 5));
    states.push(map.slice());
    history.push(stroke(map, 8, 2, 1, 3, 7));
    states.push(map.slice());
    history.push(stroke(map, 8, 0, 1, 2, 3));
    states.push(map.slice());
    expect(rowsFromMap(map, 8)).toEqual(['........', '11..2222', '........', '........']);

    for (let depth = 3; depth > 0; depth--) {
      expect(history.undo(map)).not.toBeNull();
      expect(map).toEqual(states[depth - 1]);
    }
    expect(history.undo(map)).toBeNull();
    expect([history.undoDepth, history.redoDepth]).toEqual([0, 3]);
    for (let depth = 1; depth <= 3; depth++) {
      history.redo(map);
      expect(map).toEqual(states[depth]);
    }
    expect(history.redo(map)).toBeNull();
  });

  it('forgets what could be redone once a new stroke is made', () => {
    const map = new Uint8Array(4);
    const history = new LabelHistory();
    history.push(stroke(map, 4, 1, 0, 0, 1));
    history.undo(map);
    history.push(stroke(map, 4, 2, 0, 2, 3));
    expect([history.undoDepth, history.redoDepth]).toEqual([1, 0]);
    expect(history.bytes).toBe(2 * 6);
  });

  it('drops the oldest entries beyond its byte budget but always keeps the newest', () => {
    const map = new Uint8Array(100);
    const history = new LabelHistory(6 * 25);
    for (let row = 0; row < 5; row++) history.push(stroke(map, 10, 1, row, 0, 9)); // 60 bytes each
    expect(history.undoDepth).toBe(2);
    expect(history.bytes).toBe(120);
    // The two kept are the newest: undoing both restores rows 3 and 4 only.
    history.undo(map);
    history.undo(map);
    expect(rowsFromMap(map, 10).slice(0, 5)).toEqual([
      '1111111111',
      '1111111111',
      '1111111111',
      '..........',
      '..........',
    ]);
    const huge = new LabelHistory(10);
    huge.push(stroke(map, 10, 3, 5, 0, 9));
    expect(huge.undoDepth).toBe(1);
  });
});

describe('adopting labels the server replaced', () => {
  it('is one undo entry holding only the differing pixels, whose tiles undo must rewrite', () => {
    const width = 300;
    const height = 260;
    const map = new Uint8Array(width * height);
    map[5] = 1; // painted by the person
    map[299] = 2;
    const painted = map.slice();
    const incoming = new Uint8Array(width * height);
    incoming[5] = 1; // kept by the prediction
    incoming[270 + 259 * width] = 2; // new, in tile (1, 1)
    incoming[0] = 2; // new, in tile (0, 0)

    const history = new LabelHistory();
    const change = replaceLabels(map, incoming, width) as LabelChange;
    history.push(change);
    expect(firstDifference(map, incoming)).toBe(-1);
    expect(Array.from(change.indices)).toEqual([0, 299, 270 + 259 * width]);
    expect(Array.from(change.before)).toEqual([0, 2, 0]);
    expect(Array.from(change.after)).toEqual([2, 0, 2]);
    expect(change.bounds).toEqual({ x: 0, y: 0, width: 300, height: 260 });

    const undone = history.undo(map) as LabelChange;
    expect(firstDifference(map, painted)).toBe(-1);
    expect(tilesOfIndices(undone.indices, width)).toEqual([
      { tx: 0, ty: 0 },
      { tx: 1, ty: 0 },
      { tx: 1, ty: 1 },
    ]);
    history.redo(map);
    expect(firstDifference(map, incoming)).toBe(-1);
  });

  it('is no entry at all when the server holds the same labels', () => {
    const map = new Uint8Array([0, 1, 2]);
    expect(replaceLabels(map, map.slice(), 3)).toBeNull();
    expect(diffLabels(map, new Uint8Array([0, 1, 2]), 3)).toBeNull();
  });
});

describe('HistoryBook', () => {
  it('keeps each page its own history while the saved revision is the one it saw', () => {
    const book = new HistoryBook(2);
    const first = book.open(1, 0, 4);
    first.push(stroke(new Uint8Array(4), 4, 1, 0, 0, 0));
    expect(book.open(1, 1, 0)).not.toBe(first);
    book.saw(1, 0, 5);
    expect(book.open(1, 0, 5)).toBe(first);
    // Changed elsewhere: the old entries would write over someone else's labels.
    expect(book.open(1, 0, 9)).not.toBe(first);
  });

  it('forgets the least recently opened page beyond its limit', () => {
    const book = new HistoryBook(2);
    const a = book.open(1, 0, 0);
    const b = book.open(2, 0, 0);
    book.open(1, 0, 0);
    book.open(3, 0, 0);
    expect(book.open(1, 0, 0)).toBe(a);
    expect(book.open(2, 0, 0)).not.toBe(b);
  });
});
