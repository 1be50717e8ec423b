// The open project and what the app can do (native dialogs or not).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo, ProjectInfo, Result } from '../../../src-preload/contract';
import { getStudioApi } from '../api';
import { useImagesStore } from './images';
import { useNotificationsStore } from './notifications';
import { useViewerStore } from './viewer';

export const useProjectStore = defineStore('project', () => {
  const api = getStudioApi();
  const notifications = useNotificationsStore();
  const appInfo = ref<AppInfo | null>(null);
  const info = ref<ProjectInfo | null>(null);
  const busy = ref(false);

  async function loadAppInfo(): Promise<void> {
    const result = await notifications.call(api['app:info']({}));
    if (result.ok) appInfo.value = result.value;
  }

  async function enter(
    pending: Promise<Result<ProjectInfo>>,
    options: { quiet?: boolean } = {},
  ): Promise<boolean> {
    busy.value = true;
    try {
      const result = options.quiet ? await pending : await notifications.call(pending);
      if (!result.ok) return false;
      const images = useImagesStore();
      useViewerStore().reset();
      images.reset();
      info.value = result.value;
      await images.refresh();
      // Files may have moved or changed since the project was last open.
      void images.checkFiles();
      return true;
    } finally {
      busy.value = false;
    }
  }

  function create(dir: string, name?: string): Promise<boolean> {
    const trimmed = name?.trim();
    return enter(api['project:create']({ dir: dir.trim(), ...(trimmed ? { name: trimmed } : {}) }));
  }

  function createDemo(dir: string): Promise<boolean> {
    return enter(api['demo:create']({ dir: dir.trim() }));
  }

  /**
   * After a reload the studio may still have a project open (and a training running in it):
   * go back to it instead of showing the start screen. No project open is not an error here.
   */
  function resume(): Promise<boolean> {
    return enter(api['project:info']({}), { quiet: true });
  }

  function open(dir: string): Promise<boolean> {
    return enter(api['project:open']({ dir: dir.trim() }));
  }

  async function close(): Promise<void> {
    const result = await notifications.call(api['project:close']({}));
    if (!result.ok) return;
    useViewerStore().reset();
    useImagesStore().reset();
    info.value = null;
  }

  /** A folder from the native dialog, or null if cancelled or unavailable. */
  async function pickFolder(title: string): Promise<string | null> {
    const result = await notifications.call(api['dialog:pick-folder']({ title }));
    return result.ok ? result.value.path : null;
  }

  return {
    appInfo,
    info,
    busy,
    loadAppInfo,
    create,
    createDemo,
    resume,
    open,
    close,
    pickFolder,
  };
});
