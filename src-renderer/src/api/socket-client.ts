// Browser mode: the contract over one WebSocket to the studio's local server. Every message is
// one binary frame (wire.ts), so pixel bytes never pass through JSON.
import {
  SOCKET_PATH,
  TOKEN_PARAM,
  decodeFrame,
  encodeFrame,
  fail,
  type ChannelName,
  type EventName,
  type InvokeMessage,
  type Invoke,
  type Result,
  type ServerMessage,
  type Subscribe,
} from '../../../src-preload/contract';

export const CONNECTION_LOST_MESSAGE =
  'The connection to the studio was lost. Reload the page to reconnect.';
export const MISSING_TOKEN_MESSAGE =
  'This page was opened without its access token. Open the full address that the studio printed when it started (it ends in ?token=…).';

export interface SocketTransport {
  invoke: Invoke;
  subscribe: Subscribe;
}

/** The socket address for a page address, or null when the page URL carries no token. */
export function socketUrl(page: { protocol: string; host: string; search: string }): string | null {
  const token = new URLSearchParams(page.search).get(TOKEN_PARAM);
  if (!token) return null;
  const scheme = page.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${page.host}${SOCKET_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

function isServerMessage(value: unknown): value is ServerMessage {
  if (value === null || typeof value !== 'object') return false;
  const message = value as Partial<ServerMessage>;
  return (
    (message.kind === 'result' && typeof message.id === 'number') ||
    (message.kind === 'event' && typeof message.event === 'string')
  );
}

/** A transport whose every call fails with `message`: used when no connection can be made. */
export function deadTransport(message: string): SocketTransport {
  return {
    invoke: async () => fail('forbidden', message),
    subscribe: () => () => undefined,
  };
}

export function connectSocket(url: string, onLost: () => void): SocketTransport {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // Frames sent before the socket opens wait here; WebSocket.send would throw.
  const queued: Uint8Array<ArrayBuffer>[] = [];
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const frame of queued.splice(0)) socket.send(frame);
  });

  socket.addEventListener('message', (event: { data: unknown }) => {
    if (!(event.data instanceof ArrayBuffer)) return;
    let message: unknown;
    try {
      message = decodeFrame(new Uint8Array(event.data));
    } catch (error) {
      console.warn('Ignoring a malformed frame from the studio.', error);
      return;
    }
    if (!isServerMessage(message)) return;
    if (message.kind === 'result') {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.result);
    } else {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  });

  socket.addEventListener('close', () => {
    if (closed) return;
    closed = true;
    queued.length = 0;
    for (const resolve of pending.values()) resolve(fail('disconnected', CONNECTION_LOST_MESSAGE));
    pending.clear();
    onLost();
  });

  const invoke = (channel: ChannelName, request: unknown): Promise<Result<unknown>> => {
    if (closed) return Promise.resolve(fail('disconnected', CONNECTION_LOST_MESSAGE));
    const id = nextId++;
    const message: InvokeMessage = { kind: 'invoke', id, channel, request };
    // encodeFrame allocates a fresh (never shared) buffer, which is what send() accepts.
    const frame = encodeFrame(message) as Uint8Array<ArrayBuffer>;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      else queued.push(frame);
    });
  };

  const subscribe = (event: EventName, listener: (payload: unknown) => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };

  return { invoke, subscribe };
}
