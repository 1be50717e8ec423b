// The one way the renderer reaches the studio. In Electron the preload exposes `window.studio`;
// in browser mode the same typed API is built over a WebSocket.
import { createStudioApi, type StudioApi } from '../../../src-preload/contract';
import { MISSING_TOKEN_MESSAGE, connectSocket, deadTransport, socketUrl } from './socket-client';

declare global {
  interface Window {
    studio?: StudioApi;
  }
}

let api: StudioApi | undefined;
let lost = false;
const lostListeners = new Set<() => void>();

function markLost(): void {
  lost = true;
  for (const listener of lostListeners) listener();
}

export function getStudioApi(): StudioApi {
  if (api) return api;
  if (window.studio) {
    api = window.studio;
    return api;
  }
  const url = socketUrl(window.location);
  const transport = url ? connectSocket(url, markLost) : deadTransport(MISSING_TOKEN_MESSAGE);
  api = createStudioApi(transport.invoke, transport.subscribe);
  return api;
}

/** Called once if the connection to the studio drops (browser mode only). */
export function onConnectionLost(listener: () => void): () => void {
  if (lost) listener();
  lostListeners.add(listener);
  return () => {
    lostListeners.delete(listener);
  };
}
