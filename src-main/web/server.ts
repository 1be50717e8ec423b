// Browser mode: the same contract as Electron IPC, served over a local WebSocket, plus the built
// renderer over HTTP. Loopback by default; every request needs the random token printed in the
// URL (a cookie carries it to the page's own assets and socket).
import { RENDERER_CSP_HEADER } from './content-security-policy';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  SOCKET_PATH,
  TOKEN_PARAM,
  decodeFrame,
  encodeFrame,
  type InvokeMessage,
  type ServerMessage,
} from '../../src-preload/contract';
import { createDispatcher, type Dispatch, type Sender } from '../ipc/dispatcher';
import { createHandlers } from '../services/handlers';
import { StudioSession } from '../services/studio-session';
import { readStaticFile } from './static-files';
import { TOKEN_COOKIE, cookieValue, newToken, tokenMatches } from './token';

export interface BrowserServerOptions {
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
  version?: string;
}

export interface BrowserModeServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_FRAME_BYTES = 512 * 1024 * 1024;

export const isAuthenticatedBrowser = (sender: Sender): boolean =>
  sender.transport === 'browser' && sender.authenticated === true;

export async function startBrowserServer(
  options: BrowserServerOptions,
): Promise<BrowserModeServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const session = new StudioSession();
  const dispatch = createDispatcher({
    handlers: createHandlers(session, {
      appInfo: {
        mode: 'browser',
        version: options.version ?? '0.1.0',
        platform: process.platform,
        canPickFolders: false,
      },
    }),
    isTrustedSender: isAuthenticatedBrowser,
  });

  const requestToken = (request: IncomingMessage): string | undefined => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    return url.searchParams.get(TOKEN_PARAM) ?? cookieValue(request.headers.cookie, TOKEN_COOKIE);
  };

  const server = createServer((request, response) => {
    void serveHttp(request, response, options.rendererDir, token, requestToken(request));
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const origin = request.headers.origin;
    const sameHost = origin === undefined || new URL(origin).host === request.headers.host;
    if (url.pathname !== SOCKET_PATH || !tokenMatches(token, requestToken(request)) || !sameHost) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      serveSocket(ws, dispatch, { transport: 'browser', url: origin ?? '', authenticated: true });
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/?${TOKEN_PARAM}=${token}`,
    token,
    port,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await session.dispose();
    },
  };
}

async function serveHttp(
  request: IncomingMessage,
  response: ServerResponse,
  rendererDir: string,
  token: string,
  givenToken: string | undefined,
): Promise<void> {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Content-Security-Policy', RENDERER_CSP_HEADER);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response
      .writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Method not allowed.');
    return;
  }
  if (!tokenMatches(token, givenToken)) {
    response
      .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end('U-Net Studio: open the full link printed by the studio (it holds the access token).');
    return;
  }
  const file = await readStaticFile(
    rendererDir,
    new URL(request.url ?? '/', 'http://localhost').pathname,
  );
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.');
    return;
  }
  response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
  response.writeHead(200, { 'Content-Type': file.contentType });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}

function serveSocket(ws: WebSocket, dispatch: Dispatch, sender: Sender): void {
  const send = (message: ServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(encodeFrame(message));
  };
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    let message: InvokeMessage;
    try {
      if (!isBinary) throw new Error('text frame');
      message = decodeFrame(
        new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      ) as InvokeMessage;
      if (message?.kind !== 'invoke' || typeof message.id !== 'number')
        throw new Error('not an invoke');
    } catch {
      ws.close(1003, 'Malformed message');
      return;
    }
    void dispatch(message.channel, message.request, {
      sender,
      emit: (event, payload) => send({ kind: 'event', event, payload }),
    }).then((result) => send({ kind: 'result', id: message.id, result }));
  });
}
