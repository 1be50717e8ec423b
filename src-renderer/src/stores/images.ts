// The project's images: the list, their thumbnails, importing folders, and saved display windows.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowReactive } from 'vue';
import type {
  DisplayRange,
  EventOf,
  ImageSummary,
  ImportReport,
  Thumbnail,
} from '../../../src-preload/contract';
import { getStudioApi } from '../api';
import { forEachLimited } from '../lib/concurrency';
import { useNotificationsStore } from './notifications';

const THUMBNAIL_REQUESTS_IN_FLIGHT = 4;

/** Percentiles of the image's values (0..100) that become black and white. */
export interface Percentiles {
  low: number;
  high: number;
}

export type ImportProgress = EventOf<'images:import-progress'>;

export const useImagesStore = defineStore('images', () => {
  const api = getStudioApi();
  const notifications = useNotificationsStore();

  const list = ref<ImageSummary[]>([]);
  // Thumbnails are pixel bytes: kept raw, only the map itself is reactive.
  const thumbnails = shallowReactive(new Map<number, Thumbnail>());
  const importing = ref(false);
  const progress = ref<ImportProgress | null>(null);
  const lastReport = ref<ImportReport | null>(null);

  const byId = computed(() => new Map(list.value.map((image) => [image.id, image])));

  api.on('images:import-progress', (payload) => {
    if (importing.value) progress.value = payload;
  });

  function replace(summary: ImageSummary): void {
    list.value = list.value.map((image) => (image.id === summary.id ? summary : image));
  }

  async function loadThumbnail(imageId: number): Promise<void> {
    const result = await notifications.call(api['images:thumbnail']({ imageId }));
    if (result.ok) thumbnails.set(imageId, markRaw(result.value));
  }

  async function loadMissingThumbnails(): Promise<void> {
    const wanted = list.value.filter((image) => !thumbnails.has(image.id)).map((image) => image.id);
    await forEachLimited(wanted, THUMBNAIL_REQUESTS_IN_FLIGHT, loadThumbnail);
  }

  async function refresh(): Promise<void> {
    const result = await notifications.call(api['images:list']({}));
    if (!result.ok) return;
    list.value = result.value;
    await loadMissingThumbnails();
  }

  /** Asks main to look at the files again (moved or edited since import). */
  async function checkFiles(): Promise<void> {
    const result = await notifications.call(api['images:check']({}));
    if (!result.ok) return;
    const status = new Map(result.value.map((entry) => [entry.imageId, entry.status]));
    list.value = list.value.map((image) => ({
      ...image,
      status: status.get(image.id) ?? image.status,
    }));
  }

  async function addFolder(folder: string): Promise<ImportReport | null> {
    importing.value = true;
    progress.value = null;
    lastReport.value = null;
    try {
      const result = await notifications.call(api['images:add-folder']({ folder: folder.trim() }));
      if (!result.ok) return null;
      lastReport.value = result.value;
      await refresh();
      return result.value;
    } finally {
      importing.value = false;
      progress.value = null;
    }
  }

  function dismissReport(): void {
    lastReport.value = null;
  }

  async function setDisplay(
    request: { imageId: number } & ({ range: DisplayRange } | { percentiles: Percentiles }),
  ): Promise<ImageSummary | null> {
    const result = await notifications.call(api['images:set-display'](request));
    if (!result.ok) return null;
    replace(result.value);
    // Thumbnails are drawn with the saved window, so the old one is now out of date.
    void loadThumbnail(result.value.id);
    return result.value;
  }

  function reset(): void {
    list.value = [];
    thumbnails.clear();
    importing.value = false;
    progress.value = null;
    lastReport.value = null;
  }

  return {
    list,
    byId,
    thumbnails,
    importing,
    progress,
    lastReport,
    refresh,
    checkFiles,
    addFolder,
    dismissReport,
    setDisplay,
    reset,
  };
});
