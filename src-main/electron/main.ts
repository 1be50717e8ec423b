// The thin Electron shell: app lifecycle, the window, and binding the contract to ipcMain.
// Everything that does work lives in plain-Node modules (services, store, imaging).
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  utilityProcess,
  type IpcMainInvokeEvent,
} from 'electron';
import { join } from 'node:path';
import { CHANNEL_NAMES } from '../../src-preload/contract';
import { adaptUtilityProcess } from '../compute/utility-process-child';
import { createDispatcher, type Sender } from '../ipc/dispatcher';
import { createHandlers } from '../services/handlers';
import { StudioSession } from '../services/studio-session';
import { APP_INDEX_URL, APP_SCHEME, appProtocolResponse } from './app-protocol';
import { hardenContents } from './window-security';

// The renderer loads from app://studio/ (read-only, confined to the built renderer folder), not
// from file://, whose 'self' would cover every file on the disk.
const rendererDir = join(import.meta.dirname, '../renderer');
const rendererUrl = APP_INDEX_URL;
// standard: relative URLs and an origin of its own; secure: a secure context; supportFetchAPI:
// module scripts (Vite's `<script type="module" crossorigin>`) load in CORS mode, same-origin.
// No corsEnabled: other origins cannot read it.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

/** Only the app's own page may call main: app://studio/index.html, or the dev server in development. */
function isOwnWindow(sender: Sender): boolean {
  if (sender.transport !== 'electron') return false;
  const url = sender.url.split(/[?#]/)[0];
  return url === rendererUrl || (devServerUrl !== undefined && sender.url.startsWith(devServerUrl));
}

function bindContract(session: StudioSession): void {
  const dispatch = createDispatcher({
    handlers: createHandlers(session, {
      appInfo: {
        mode: 'electron',
        version: app.getVersion(),
        platform: process.platform,
        canPickFolders: true,
      },
      pickFolder: async (title) => {
        const window = BrowserWindow.getFocusedWindow();
        const options = { title, properties: ['openDirectory', 'createDirectory'] as const };
        const result = window
          ? await dialog.showOpenDialog(window, { ...options, properties: [...options.properties] })
          : await dialog.showOpenDialog({ ...options, properties: [...options.properties] });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
    }),
    isTrustedSender: isOwnWindow,
  });
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) =>
      dispatch(channel, payload, {
        sender: { transport: 'electron', url: event.senderFrame?.url ?? '' },
        emit: (name, eventPayload) => {
          if (!event.sender.isDestroyed()) event.sender.send(name, eventPayload);
        },
      }),
    );
  }
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    backgroundColor: '#111318',
    title: 'U-Net Studio',
    // The renderer gets no Node, runs sandboxed, and sees main only through the preload's typed
    // API (`window.studio`, one function per contract channel).
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click opens links in new windows; the app has none, so the event is switched off.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      preload: join(import.meta.dirname, '../preload/index.cjs'),
    },
  });
  hardenContents(
    window.webContents,
    [rendererUrl, devServerUrl].filter((u): u is string => !!u),
  );
  void window.loadURL(devServerUrl ?? rendererUrl);
}

// The compute process (training, prediction) is Electron's utilityProcess running the bundled
// compute entry that electron-vite builds beside this file.
const session = new StudioSession({
  compute: {
    entry: join(import.meta.dirname, 'compute.js'),
    spawn: (entry, options) =>
      adaptUtilityProcess(
        utilityProcess.fork(entry, [], {
          stdio: 'pipe',
          execArgv: options.execArgv,
          env: options.env,
          serviceName: 'U-Net Studio compute',
        }),
      ),
  },
});
app.whenReady().then(() => {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererDir, request));
  bindContract(session);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});
app.on('window-all-closed', () => {
  void session.dispose();
  if (process.platform !== 'darwin') app.quit();
});
