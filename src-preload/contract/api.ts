// The typed API a renderer sees: one function per channel, plus event subscription. Built the
// same way over Electron IPC (in the preload) and over the browser-mode WebSocket.
import type { Result } from './result';
import {
  CHANNEL_NAMES,
  type ChannelName,
  type EventName,
  type EventOf,
  type RequestOf,
  type ResponseOf,
} from './channels';

export type ChannelFunctions = {
  [C in ChannelName]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
};

export interface StudioApi extends ChannelFunctions {
  /** Subscribe to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

export type Invoke = (channel: ChannelName, request: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

export function createStudioApi(invoke: Invoke, subscribe: Subscribe): StudioApi {
  const api: Record<string, unknown> = {
    on: (event: EventName, listener: (payload: unknown) => void) => subscribe(event, listener),
  };
  for (const channel of CHANNEL_NAMES) {
    api[channel] = (request: unknown) => invoke(channel, request);
  }
  return api as unknown as StudioApi;
}
