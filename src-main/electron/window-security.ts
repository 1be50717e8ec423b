import type { WebContents } from 'electron';

/**
 * No navigation away from the app, no redirects, no new windows, no <webview>, no permissions:
 * the studio shows no remote content. The window's webPreferences (contextIsolation, sandbox,
 * no nodeIntegration) are written out literally where the window is made (main.ts), so that a
 * reader and the security scan (`test/integration/build/security-scan.test.ts`) see them there.
 */
export function hardenContents(contents: WebContents, allowedPrefixes: string[]): void {
  const isAllowed = (url: string) => allowedPrefixes.some((prefix) => url.startsWith(prefix));
  contents.on('will-navigate', (event, url) => {
    if (!isAllowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  contents.session.setPermissionCheckHandler(() => false);
}
