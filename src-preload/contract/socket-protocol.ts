// Messages of the browser-mode WebSocket, each sent as one binary frame (see wire.ts).
import type { Result } from './result';

export interface InvokeMessage {
  kind: 'invoke';
  /** Sequence number chosen by the client; the result carries it back. */
  id: number;
  channel: string;
  request: unknown;
}

export interface ResultMessage {
  kind: 'result';
  id: number;
  result: Result<unknown>;
}

export interface EventMessage {
  kind: 'event';
  event: string;
  payload: unknown;
}

export type ServerMessage = ResultMessage | EventMessage;

/** Path of the WebSocket endpoint; the token travels as the `token` query parameter. */
export const SOCKET_PATH = '/studio-socket';
export const TOKEN_PARAM = 'token';
