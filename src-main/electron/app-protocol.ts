// The `app://` protocol the window loads the renderer from, in plain Node (Request -> Response)
// so that tests run it without Electron. It serves the built renderer folder and nothing else:
// read-only (GET/HEAD), one host, no path out of the folder (`..`, encoded slashes, symlinks),
// and every answer carries the same strict Content Security Policy as index.html. Project images
// never travel this way: they come over the typed IPC contract, checked against the open project.
import { RENDERER_CSP_HEADER } from '../web/content-security-policy';
import { readStaticFile } from '../web/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

const plain = (status: number, message: string): Response =>
  new Response(message, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });

export async function appProtocolResponse(
  rendererDir: string,
  request: Request,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return plain(405, 'The app protocol is read-only.');
  }
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'Not a URL.');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found.');
  // An encoded slash or backslash would let a path segment hide a directory change.
  if (/%2f|%5c|\\/i.test(url.pathname)) return plain(404, 'Not found.');
  const file = await readStaticFile(rendererDir, url.pathname);
  if (!file) return plain(404, 'Not found.');
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'Content-Security-Policy': RENDERER_CSP_HEADER,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}
