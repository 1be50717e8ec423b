// The label map of the page on screen (document state): loaded when the viewer's image or page
// changes, painted in place by the tools, saved tile by tile without a Save button, undoable
// stroke by stroke. The map itself is raw bytes; `revision` tells the canvas when to look.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import type { ErrorValue } from '../../../src-preload/contract';
import { getStudioApi } from '../api';
import { paintCapsule, type ImagePoint } from '../lib/annotation/brush';
import {
  LabelPainter,
  MAX_UNDO_PIXELS,
  replaceLabels,
  type LabelChange,
} from '../lib/annotation/label-change';
import { HistoryBook, type LabelHistory } from '../lib/annotation/label-history';
import { tilesOfIndices, tilesOfRect } from '../lib/annotation/label-tiles';
import {
  PageAutosave,
  type PageLabels,
  type SaveState,
  type WriteTiles,
} from '../lib/annotation/page-autosave';
import { unionRects, type PixelRect } from '../lib/annotation/pixel-rect';
import { fillPolygon, floodFill } from '../lib/annotation/region-fill';
import { plainMessage } from '../lib/describe';
import { useNotificationsStore } from './notifications';
import { useProjectStore } from './project';
import { useViewerStore } from './viewer';

export type { PageLabels, SaveState };
export type RedrawRegion = PixelRect | 'all';

function pageKey(imageId: number, page: number): string {
  return `${imageId}/${page}`;
}

export const useLabelsStore = defineStore('labels', () => {
  const api = getStudioApi();
  const notifications = useNotificationsStore();
  const viewer = useViewerStore();
  const project = useProjectStore();
  const histories = new HistoryBook();

  /** The page's labels; `data` is painted in place, so watch `revision`, not this. */
  const labels = shallowRef<PageLabels | null>(null);
  /** Bumped on every change of the map (stroke step, fill, undo, load). */
  const revision = ref(0);
  const loading = ref(false);
  const saveState = ref<SaveState>('saved');
  /** The server's revision of the page after the last successful read or write. */
  const savedRevision = ref<number | null>(null);
  const undoDepth = ref(0);
  const redoDepth = ref(0);
  /** Pages left with labels that could not be saved; kept in memory and retried. */
  const unsavedElsewhere = ref(0);

  let autosave: PageAutosave | null = null;
  let history: LabelHistory | null = null;
  let stroke: { painter: LabelPainter; last: ImagePoint; size: number; marked: number } | null =
    null;
  let redrawRegion: RedrawRegion | null = null;
  const leftUnsaved = new Map<string, PageAutosave>();
  let loadToken = 0;

  /** True when the map belongs to the page whose pixels are shown: only then may tools paint. */
  const ready = computed(() => {
    const page = labels.value;
    // Whole or tiled: a large page is painted exactly like a small one, on the same map.
    const shown = viewer.shown;
    return (
      !!page &&
      !!shown &&
      page.imageId === viewer.imageId &&
      page.page === viewer.page &&
      page.imageId === shown.imageId &&
      page.page === shown.page
    );
  });

  function valueAt(x: number, y: number): number | null {
    const page = labels.value;
    if (!page || x < 0 || y < 0 || x >= page.width || y >= page.height) return null;
    return page.data[y * page.width + x] as number;
  }

  /** What the canvas must redraw since it last asked (and forgets it). */
  function takeRedrawRegion(): RedrawRegion | null {
    const region = redrawRegion;
    redrawRegion = null;
    return region;
  }

  function queueRedraw(rect: PixelRect): void {
    if (redrawRegion !== 'all') redrawRegion = unionRects(redrawRegion, rect);
    revision.value++;
  }

  function syncHistory(): void {
    undoDepth.value = history?.undoDepth ?? 0;
    redoDepth.value = history?.redoDepth ?? 0;
  }

  function reportSaveError(page: PageLabels, error: ErrorValue): void {
    const name = viewer.summary?.id === page.imageId ? `"${viewer.summary.name}"` : 'an image';
    notifications.reportError({
      code: error.code,
      message: `The labels of ${name} could not be saved: ${plainMessage(error)} They are kept here: press Retry beside Undo to try again.`,
    });
  }

  function onSaveChange(changed: PageAutosave): void {
    const { imageId, page } = changed.labels;
    if (changed.state === 'saved') histories.saw(imageId, page, changed.revision);
    if (changed.state === 'error' && changed.error) reportSaveError(changed.labels, changed.error);
    if (changed !== autosave) return;
    saveState.value = changed.state;
    savedRevision.value = changed.revision;
  }

  function attach(next: PageAutosave): void {
    const { imageId, page } = next.labels;
    autosave = next;
    labels.value = markRaw(next.labels);
    history = histories.open(imageId, page, next.revision);
    saveState.value = next.state;
    savedRevision.value = next.revision;
    redrawRegion = 'all';
    revision.value++;
    syncHistory();
  }

  function detach(): PageAutosave | null {
    endStroke();
    const leaving = autosave;
    autosave = null;
    history = null;
    labels.value = null;
    saveState.value = 'saved';
    savedRevision.value = null;
    syncHistory();
    return leaving;
  }

  /** Saves a page that is no longer on screen; if that fails it stays in memory to retry. */
  async function saveLeftPage(left: PageAutosave): Promise<void> {
    if (left.clean) return left.dispose();
    const key = pageKey(left.labels.imageId, left.labels.page);
    leftUnsaved.set(key, left);
    unsavedElsewhere.value = leftUnsaved.size;
    const saved = await left.flush();
    if (saved && leftUnsaved.get(key) === left) leftUnsaved.delete(key);
    unsavedElsewhere.value = leftUnsaved.size;
  }

  async function show(imageId: number | null, page: number): Promise<void> {
    const shown = labels.value;
    if (shown && shown.imageId === imageId && shown.page === page) return;
    const token = ++loadToken;
    const left = detach();
    // A closed project cannot take the write; Workspace saves before closing.
    if (left && project.info) void saveLeftPage(left);
    else left?.dispose();
    if (imageId === null) return;

    loading.value = true;
    try {
      const key = pageKey(imageId, page);
      const kept = leftUnsaved.get(key);
      // Labels of this page that are not on the server yet are newer than what it holds.
      if (kept && !(await kept.flush())) {
        if (token === loadToken) {
          leftUnsaved.delete(key);
          unsavedElsewhere.value = leftUnsaved.size;
          attach(kept);
        }
        return;
      }
      const result = await notifications.call(api['labels:read']({ imageId, page }));
      if (token !== loadToken || !result.ok) return;
      const { width, height, data } = result.value;
      if (data.length !== width * height) {
        notifications.reportError({
          code: 'internal',
          message: 'The labels of this image arrived damaged; painting is off for it.',
        });
        return;
      }
      // A copy: the bytes may be a view into a larger message buffer.
      const pageLabels = { imageId, page, width, height, data: data.slice() };
      const write: WriteTiles = (tiles) => api['labels:write-tiles']({ imageId, page, tiles });
      attach(new PageAutosave(pageLabels, result.value.revision, write, onSaveChange));
    } finally {
      if (token === loadToken) loading.value = false;
    }
  }

  /** Marks the tiles of freshly changed pixels dirty (the save indicator turns at once). */
  function markChanged(indices: Uint32Array): void {
    const page = labels.value;
    if (!autosave || !page) return;
    autosave.markDirty(tilesOfIndices(indices, page.width));
  }

  function markChangedRect(rect: PixelRect): void {
    if (autosave) autosave.markDirty(tilesOfRect(rect));
  }

  /**
   * A gesture that changed more pixels than undo can keep: it is painted and saved like any
   * other, but it has no undo entry, and the entries before it no longer apply to the map.
   */
  function forgetHistory(painter: LabelPainter): void {
    history?.clear();
    syncHistory();
    autosave?.schedule();
    notifications.reportError({
      code: 'unsupported',
      message: `That change covered ${painter.count.toLocaleString('en')} pixels, more than undo can keep (${MAX_UNDO_PIXELS.toLocaleString('en')}). It is saved, but it and the steps before it cannot be undone.`,
    });
  }

  function commit(change: LabelChange | null): void {
    if (!change || !history || !autosave) return;
    history.push(change);
    syncHistory();
    autosave.schedule();
  }

  function newPainter(value: number): LabelPainter | null {
    const page = labels.value;
    if (!ready.value || !page) return null;
    return new LabelPainter(page.data, page.width, page.height, value, MAX_UNDO_PIXELS);
  }

  /** Starts a brush (value = class) or eraser (value = 0) stroke; false if nothing is loaded. */
  function beginStroke(at: ImagePoint, size: number, value: number): boolean {
    endStroke();
    const painter = newPainter(value);
    if (!painter) return false;
    stroke = { painter, last: at, size, marked: 0 };
    paintCapsule(painter, at, at, size);
    afterStrokeStep();
    return true;
  }

  function extendStroke(to: ImagePoint): void {
    if (!stroke) return;
    paintCapsule(stroke.painter, stroke.last, to, stroke.size);
    stroke.last = to;
    afterStrokeStep();
  }

  function afterStrokeStep(): void {
    if (!stroke) return;
    const rect = stroke.painter.takeRedrawRect();
    if (!rect) return;
    if (stroke.painter.overflowed) markChangedRect(rect);
    else markChanged(stroke.painter.indicesSince(stroke.marked));
    stroke.marked = stroke.painter.count;
    queueRedraw(rect);
  }

  function endStroke(): void {
    if (!stroke) return;
    const { painter } = stroke;
    stroke = null;
    if (painter.overflowed) forgetHistory(painter);
    else commit(painter.finish());
  }

  /** One whole gesture that paints at once (fill, lasso): redraw, save, one undo entry. */
  function paintGesture(value: number, paint: (painter: LabelPainter) => void): boolean {
    endStroke();
    const painter = newPainter(value);
    if (!painter) return false;
    paint(painter);
    if (painter.overflowed) {
      const bounds = painter.changedBounds()!;
      markChangedRect(bounds);
      queueRedraw(bounds);
      forgetHistory(painter);
      return true;
    }
    const change = painter.finish();
    if (!change) return true;
    markChanged(change.indices);
    queueRedraw(change.bounds);
    commit(change);
    return true;
  }

  /** Fills the 4-connected region under `at` with `value`, never beyond `bounds`. */
  function fillRegion(at: ImagePoint, value: number, bounds: PixelRect): boolean {
    return paintGesture(value, (painter) => floodFill(painter, at, bounds));
  }

  function fillOutline(points: readonly ImagePoint[], value: number): boolean {
    return paintGesture(value, (painter) =>
      fillPolygon(painter, points, painter.width, painter.height),
    );
  }

  function step(direction: 'undo' | 'redo'): void {
    endStroke();
    const page = labels.value;
    if (!history || !page || !autosave) return;
    const change = direction === 'undo' ? history.undo(page.data) : history.redo(page.data);
    syncHistory();
    if (!change) return;
    // The undone pixels must reach the server too, exactly like a stroke.
    markChanged(change.indices);
    autosave.schedule();
    queueRedraw(change.bounds);
  }

  const undo = () => step('undo');
  const redo = () => step('redo');

  /** Saves the page on screen now; true when everything on it is saved. */
  async function flush(): Promise<boolean> {
    endStroke();
    return autosave ? autosave.flush() : true;
  }

  /** Saves the page on screen and every page left unsaved (before closing, and for Retry). */
  async function flushAll(): Promise<boolean> {
    const results = await Promise.all([
      flush(),
      ...[...leftUnsaved.values()].map((a) => a.flush()),
    ]);
    for (const [key, left] of leftUnsaved) if (left.clean) leftUnsaved.delete(key);
    unsavedElsewhere.value = leftUnsaved.size;
    return results.every(Boolean);
  }

  /** Forgets unsaved labels (the person chose to close without them) and all history. */
  function discardAll(): void {
    loadToken++;
    detach()?.dispose();
    for (const left of leftUnsaved.values()) left.dispose();
    leftUnsaved.clear();
    unsavedElsewhere.value = 0;
    histories.clear();
  }

  /**
   * The server replaced this page's labels (e.g. an accepted prediction): read them, and make
   * the difference one undo entry, so undo brings the person's labels back (and saves them).
   * Call `flush()` before asking the server to replace them, so no write of ours lands after.
   */
  async function adoptSavedLabels(imageId: number, page: number): Promise<void> {
    const target = autosave;
    if (!target || target.labels.imageId !== imageId || target.labels.page !== page) return;
    endStroke();
    // Do not start a write: it would put painted tiles back over what the server just stored.
    await target.settle();
    const result = await notifications.call(api['labels:read']({ imageId, page }));
    if (autosave !== target) return;
    if (!result.ok) {
      if (target.dirtyCount > 0) target.schedule();
      return;
    }
    const incoming = result.value;
    const shown = target.labels;
    if (incoming.width !== shown.width || incoming.height !== shown.height) return;
    endStroke();
    const change = replaceLabels(shown.data, incoming.data, shown.width);
    if (change && history) {
      history.push(change);
      queueRedraw(change.bounds);
    }
    target.markSaved(incoming.revision);
    syncHistory();
  }

  watch(
    () => [viewer.imageId, viewer.page] as const,
    ([imageId, page]) => void show(imageId, page),
    { immediate: true },
  );
  // Image ids start again in every project: histories of the last one must not apply here.
  watch(
    () => project.info?.dir,
    () => discardAll(),
  );
  // Saving is asynchronous, so a closing window cannot wait for it; the write is sent at once
  // and main completes it even after the window is gone.
  window.addEventListener('beforeunload', () => void flushAll());
  window.addEventListener('pagehide', () => void flushAll());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushAll();
  });

  return {
    labels,
    revision,
    loading,
    ready,
    saveState,
    savedRevision,
    undoDepth,
    redoDepth,
    unsavedElsewhere,
    valueAt,
    takeRedrawRegion,
    beginStroke,
    extendStroke,
    endStroke,
    fillRegion,
    fillOutline,
    undo,
    redo,
    flush,
    flushAll,
    discardAll,
    adoptSavedLabels,
  };
});
