import type { WebContents, WebPreferences } from 'electron';

/** The renderer gets no Node, runs sandboxed, and sees main only through the preload's API. */
export const WINDOW_WEB_PREFERENCES: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
};

/** No navigation away from the app and no new windows: the studio shows no remote content. */
export function hardenContents(contents: WebContents, allowedPrefixes: string[]): void {
  contents.on('will-navigate', (event, url) => {
    if (!allowedPrefixes.some((prefix) => url.startsWith(prefix))) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
}
