// What the pointer does on the image: a left drag paints with the tool in hand, space + drag or
// a middle-button drag pans, and the lasso takes either a drag or clicked corners. DOM pointer
// events with pointer capture, not Konva's, so a stroke that leaves the canvas keeps going and
// coalesced events (every position the mouse reported between two frames) reach the brush.
import { watch } from 'vue';
import type { ImagePoint } from '../../lib/annotation/brush';
import { visibleImageRect } from '../../lib/annotation/pixel-rect';
import { isTyping } from '../../lib/annotation/shortcuts';
import type { Point } from '../../lib/zoom';
import { useAnnotationStore } from '../../stores/annotation';
import { useLabelsStore } from '../../stores/labels';
import { useNotificationsStore } from '../../stores/notifications';
import { useViewerStore } from '../../stores/viewer';
import type { ToolOverlay } from './tool-overlay';

/** A press that moves less than this is a click (a lasso corner), more is a drag. */
const DRAG_THRESHOLD_PX = 4;
/** Lasso points closer than this on screen add nothing but weight. */
const LASSO_SPACING_PX = 2;
/** A click this close to the first corner closes the outline. */
const CLOSE_DISTANCE_PX = 8;

type Gesture =
  | { kind: 'pan'; pointerId: number; start: Point; origin: Point }
  | { kind: 'paint'; pointerId: number }
  | { kind: 'lasso-press'; pointerId: number; start: Point }
  | { kind: 'lasso-drag'; pointerId: number };

export interface PointerToolsEvents {
  /** Panning started or stopped (the view shows a grabbing hand). */
  onPanning(panning: boolean): void;
}

export function attachPointerTools(
  element: HTMLElement,
  overlay: ToolOverlay,
  events: PointerToolsEvents,
): () => void {
  const viewer = useViewerStore();
  const labels = useLabelsStore();
  const annotation = useAnnotationStore();
  const notifications = useNotificationsStore();

  let gesture: Gesture | null = null;
  let pointer: Point | null = null;
  /** Lasso corners (image coordinates) while an outline is being drawn. */
  let outline: ImagePoint[] = [];
  let outlineByClicks = false;

  const screenOf = (event: { clientX: number; clientY: number }): Point => {
    const box = element.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const imageOf = (screen: Point): ImagePoint => {
    const { scale, x, y } = viewer.view;
    return { x: (screen.x - x) / scale, y: (screen.y - y) / scale };
  };
  const screenDistance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  const screenOfImage = (p: ImagePoint): Point => {
    const { scale, x, y } = viewer.view;
    return { x: p.x * scale + x, y: p.y * scale + y };
  };

  function paintValue(): number | null {
    if (annotation.tool === 'eraser') return 0;
    const active = annotation.activeClass;
    if (!active) {
      notifications.reportError({
        code: 'invalid-request',
        message: 'There is no class to paint with yet: add one in the class palette.',
      });
      return null;
    }
    return active.index;
  }

  function refreshCursor(): void {
    const brushLike = annotation.tool === 'brush' || annotation.tool === 'eraser';
    if (!pointer || !brushLike || gesture?.kind === 'pan' || annotation.panKeyHeld) {
      overlay.hideBrush();
    } else {
      overlay.showBrush(
        imageOf(pointer),
        annotation.brushSize,
        annotation.activeClass?.colour ?? '#ffffff',
        annotation.tool === 'eraser',
        viewer.view.scale,
      );
    }
    if (outline.length === 0) overlay.hideLasso();
    else if (outlineByClicks) overlay.showLasso(outline, pointer ? imageOf(pointer) : null, false);
    else overlay.showLasso(outline, null, false);
  }

  function updateReadout(): void {
    if (!pointer) return viewer.pointAt(null);
    const at = imageOf(pointer);
    viewer.pointAt({ x: Math.floor(at.x), y: Math.floor(at.y) });
  }

  function cancelOutline(): void {
    outline = [];
    outlineByClicks = false;
    refreshCursor();
  }

  function finishOutline(): void {
    const points = outline;
    cancelOutline();
    if (points.length < 3) return;
    const value = paintValue();
    if (value !== null) labels.fillOutline(points, value);
  }

  function fillAt(screen: Point): void {
    const value = paintValue();
    const page = labels.labels;
    if (value === null || !page) return;
    const bounds = visibleImageRect(viewer.view, viewer.viewport, page);
    if (bounds) labels.fillRegion(imageOf(screen), value, bounds);
  }

  function lassoClick(screen: Point): void {
    const first = outline[0];
    if (outlineByClicks && first && outline.length >= 3) {
      if (screenDistance(screenOfImage(first), screen) <= CLOSE_DISTANCE_PX) return finishOutline();
    }
    const last = outline[outline.length - 1];
    // The second click of a double-click lands on the corner just added.
    if (outlineByClicks && last && screenDistance(screenOfImage(last), screen) < LASSO_SPACING_PX)
      return;
    if (!outlineByClicks) outline = [];
    outlineByClicks = true;
    outline.push(imageOf(screen));
    refreshCursor();
  }

  function onPointerDown(event: PointerEvent): void {
    if (gesture) return;
    const screen = screenOf(event);
    pointer = screen;
    const pan = event.button === 1 || (event.button === 0 && annotation.panKeyHeld);
    if (event.button === 1) event.preventDefault(); // no autoscroll
    if (pan) {
      const { x, y } = viewer.view;
      gesture = { kind: 'pan', pointerId: event.pointerId, start: screen, origin: { x, y } };
      events.onPanning(true);
    } else if (event.button === 0) {
      const tool = annotation.tool;
      if (tool === 'brush' || tool === 'eraser') {
        const value = paintValue();
        if (value === null || !labels.beginStroke(imageOf(screen), annotation.brushSize, value))
          return;
        gesture = { kind: 'paint', pointerId: event.pointerId };
      } else if (tool === 'fill') {
        return fillAt(screen);
      } else {
        gesture = { kind: 'lasso-press', pointerId: event.pointerId, start: screen };
      }
    } else {
      return;
    }
    element.setPointerCapture(event.pointerId);
    refreshCursor();
  }

  function onPointerMove(event: PointerEvent): void {
    pointer = screenOf(event);
    updateReadout();
    if (gesture?.pointerId === event.pointerId) {
      if (gesture.kind === 'pan') {
        viewer.panTo({
          x: gesture.origin.x + pointer.x - gesture.start.x,
          y: gesture.origin.y + pointer.y - gesture.start.y,
        });
      } else if (gesture.kind === 'paint') {
        const steps = event.getCoalescedEvents?.() ?? [];
        for (const step of steps.length > 0 ? steps : [event]) {
          labels.extendStroke(imageOf(screenOf(step)));
        }
      } else if (gesture.kind === 'lasso-press') {
        if (!outlineByClicks && screenDistance(gesture.start, pointer) > DRAG_THRESHOLD_PX) {
          outline = [imageOf(gesture.start), imageOf(pointer)];
          gesture = { kind: 'lasso-drag', pointerId: gesture.pointerId };
        }
      } else {
        const last = outline[outline.length - 1];
        if (!last || screenDistance(screenOfImage(last), pointer) >= LASSO_SPACING_PX) {
          outline.push(imageOf(pointer));
        }
      }
    }
    refreshCursor();
  }

  function endGesture(event: PointerEvent, cancelled: boolean): void {
    if (!gesture || gesture.pointerId !== event.pointerId) return;
    const ended = gesture;
    gesture = null;
    if (element.hasPointerCapture(event.pointerId)) element.releasePointerCapture(event.pointerId);
    if (ended.kind === 'pan') events.onPanning(false);
    else if (ended.kind === 'paint') labels.endStroke();
    else if (ended.kind === 'lasso-drag') {
      if (cancelled) cancelOutline();
      else finishOutline();
    } else if (!cancelled) lassoClick(screenOf(event));
    refreshCursor();
  }

  const onPointerUp = (event: PointerEvent) => endGesture(event, false);
  const onPointerCancel = (event: PointerEvent) => endGesture(event, true);
  const onLostCapture = (event: PointerEvent) => endGesture(event, false);
  const onLeave = () => {
    if (gesture) return;
    pointer = null;
    viewer.pointAt(null);
    refreshCursor();
  };
  const onDoubleClick = () => {
    if (annotation.tool === 'lasso' && outlineByClicks) finishOutline();
  };

  function onKeyDown(event: KeyboardEvent): void {
    if (outline.length === 0 || isTyping(document.activeElement as HTMLElement | null)) return;
    if (event.key === 'Enter') finishOutline();
    else if (event.key === 'Escape') cancelOutline();
    else if (event.key === 'Backspace' && outlineByClicks) {
      outline.pop();
      refreshCursor();
    } else return;
    event.preventDefault();
  }

  element.addEventListener('pointerdown', onPointerDown);
  element.addEventListener('pointermove', onPointerMove);
  element.addEventListener('pointerup', onPointerUp);
  element.addEventListener('pointercancel', onPointerCancel);
  element.addEventListener('lostpointercapture', onLostCapture);
  element.addEventListener('pointerleave', onLeave);
  element.addEventListener('dblclick', onDoubleClick);
  window.addEventListener('keydown', onKeyDown);
  const stopWatching = [
    // Another tool, image or page makes a half-drawn outline meaningless.
    watch(
      () => [annotation.tool, viewer.imageId, viewer.page],
      () => cancelOutline(),
    ),
    // The outline follows zoom and pan; the brush follows its size, class and the space key.
    watch(
      () => [viewer.view, annotation.brushSize, annotation.activeClass, annotation.panKeyHeld],
      () => {
        updateReadout();
        refreshCursor();
      },
    ),
  ];

  return () => {
    element.removeEventListener('pointerdown', onPointerDown);
    element.removeEventListener('pointermove', onPointerMove);
    element.removeEventListener('pointerup', onPointerUp);
    element.removeEventListener('pointercancel', onPointerCancel);
    element.removeEventListener('lostpointercapture', onLostCapture);
    element.removeEventListener('pointerleave', onLeave);
    element.removeEventListener('dblclick', onDoubleClick);
    window.removeEventListener('keydown', onKeyDown);
    for (const stop of stopWatching) stop();
  };
}
