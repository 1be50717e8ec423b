import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBrowserServer } from './server';

export const DEFAULT_RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Runs browser mode until the process is stopped; prints the URL with its token. */
export async function runBrowserMode(options: {
  host: string;
  port: number;
  rendererDir?: string;
}): Promise<void> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    console.error(
      `The app has not been built yet (${rendererDir} has no index.html). Run "npm run build" first.`,
    );
    process.exit(1);
  }
  if (!LOOPBACK.has(options.host)) {
    console.warn(
      `Warning: serving on ${options.host} makes the studio reachable from other machines; only the token protects it.`,
    );
  }
  const server = await startBrowserServer({ rendererDir, host: options.host, port: options.port });
  console.log(`U-Net Studio (browser mode) is running. Open: ${server.url}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
