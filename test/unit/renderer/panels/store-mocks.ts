// Module stand-ins shared by the store tests (each test file registers them with vi.mock): the
// API is the fake studio, canvases are plain objects (no DOM in unit tests), and the labels
// store, which another part of the app owns, is reduced to the two members the panels use.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { vi } from 'vitest';
import type { Placement } from '../../../../src-renderer/src/lib/overlay-canvas';
import { fakeStudio } from './fake-studio';

export const apiModule = {
  getStudioApi: () => fakeStudio.api,
  onConnectionLost: () => () => undefined,
};

export interface FakeCanvas {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  placement: Placement | undefined;
}

/** A spy, so tests can check that no page-sized canvas was made (a tiled page). */
export const canvasFromRgba = vi.fn(
  (width: number, height: number, rgba: Uint8ClampedArray, placement?: Placement): FakeCanvas => ({
    width: placement?.pageWidth ?? width,
    height: placement?.pageHeight ?? height,
    rgba,
    placement,
  }),
);

export const overlayCanvasModule = { canvasFromRgba };

/** Pinia wraps store functions, so tests watch this spy rather than the store's member. */
export const adoptSavedLabels = vi.fn(async (_imageId: number, _page: number) => undefined);

export const labelsModule = {
  useLabelsStore: defineStore('labels', () => ({
    savedRevision: ref<number | null>(0),
    adoptSavedLabels: (imageId: number, page: number) => adoptSavedLabels(imageId, page),
  })),
};
