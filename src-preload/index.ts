// The preload: exposes one typed function per channel as `window.studio`, and nothing else
// (never ipcRenderer itself).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createStudioApi } from './contract/api';

const api = createStudioApi(
  (channel, request) => ipcRenderer.invoke(channel, request),
  (event, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.removeListener(event, forward);
  },
);

contextBridge.exposeInMainWorld('studio', api);
