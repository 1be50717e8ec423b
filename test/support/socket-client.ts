// A Node client of browser mode's socket, for integration tests that speak the contract directly.
import WebSocket from 'ws';
import {
  SOCKET_PATH,
  decodeFrame,
  encodeFrame,
  type ChannelName,
  type RequestOf,
  type ResponseOf,
  type Result,
  type ServerMessage,
} from '../../src-preload/contract';

export interface SocketClient {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Sends anything, bypassing the types, to test what the server refuses. */
  invokeRaw(channel: string, request: unknown): Promise<Result<unknown>>;
  events: { event: string; payload: unknown }[];
  close(): void;
}

export function connect(
  port: number,
  token: string | undefined,
  origin?: string,
): Promise<SocketClient> {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  // ws caps messages at 100 MiB by default; a 16k x 16k label map is 268 MB. The server's own
  // frame limit (512 MB) is the one that matters.
  const ws = new WebSocket(`ws://127.0.0.1:${port}${SOCKET_PATH}${query}`, {
    maxPayload: 512 * 1024 * 1024,
    ...(origin ? { origin } : {}),
  });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const events: SocketClient['events'] = [];
  let nextId = 1;
  ws.on('message', (data: Buffer) => {
    const message = decodeFrame(new Uint8Array(data)) as ServerMessage;
    if (message.kind === 'event') events.push({ event: message.event, payload: message.payload });
    else pending.get(message.id)?.(message.result);
  });
  const invokeRaw = (channel: string, request: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      ws.send(encodeFrame({ kind: 'invoke', id, channel, request }));
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        invoke: (channel, request) => invokeRaw(channel, request) as never,
        invokeRaw,
        events,
        close: () => ws.close(),
      }),
    );
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`refused with HTTP ${response.statusCode}`)),
    );
    ws.once('error', reject);
  });
}
