/**
 * Vanthu's Electron main process: one sandboxed window showing the renderer from app://vanthu, the core behind one
 * IPC channel, no navigation away, no permissions, one running instance.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { IPC_CHANNELS } from '../../shared/bridge';
import { msg } from '../../shared/messages';
import { createCore, type Core } from '../core/app';
import { usePdfTextWorkerEntry } from '../core/pdf/pdfText';
import { useSigningWorkerEntry } from '../core/signing/signers/signingWorker';
import { buildMenuTemplate } from './appMenu';
import { APP_ENTRY_URL, APP_SCHEME } from './appOrigin';
import { createAppProtocolHandler } from './appProtocol';
import { createIpcHandlers, forwardEvents } from './ipcHandlers';
import { resolveDataDir } from './launchOptions';
import { guardNavigation } from './navigationGuard';
import { edxmlPathsFromArgv, importOpenedPackage } from './openedFiles';
import { denyAllPermissions } from './permissions';
import { isTrustedSender, type IpcEventLike } from './senderCheck';
import { osSecretSeal } from './osSecretSeal';
import { mainWindowOptions } from './windowOptions';

// The bundle sits in dist/electron/ next to the preload, with the renderer in dist/renderer/.
const here = __dirname;
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');
// Worker threads cannot load modules from inside app.asar, so the packaged workers (and pdf.js, and the fonts the
// signing thread draws with) are unpacked next to it.
const unpacked = (file: string) => path.join(here, file).replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
const pdfTextWorker = unpacked('pdfTextWorker.mjs');
// Tesseract as an installer may carry it beside the app (resources/tesseract, with tessdata/vie.traineddata); used
// when present, unless VANTHU_TESSERACT names another (see electron/core/ocr/tesseract.ts).
// The bundle sits in resources/app.asar/dist/electron/ once packaged.
const bundledTesseract = path.join(here, '..', '..', '..', 'tesseract', process.platform === 'win32' ? 'tesseract.exe' : 'tesseract');
const signingWorker = unpacked('signingWorker.cjs');

// Must run before the app is ready: app:// behaves like https (standard URL parsing, secure context, fetch allowed).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
// Every renderer is sandboxed, whatever a window's own options say.
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
/** .edxml packages opened before the window showed our page; imported once it has. */
let openedBeforeReady: string[] | null = edxmlPathsFromArgv(process.argv.slice(1), process.cwd());

if (!app.requestSingleInstanceLock()) {
  // Two processes on one SQLite file and one content store would race; the first instance takes the focus instead.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusMainWindow();
    for (const file of edxmlPathsFromArgv(argv.slice(1), workingDirectory)) openPackage(file);
  });
  // macOS hands opened files to the running app as events, also before it is ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openPackage(file);
  });
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error, msg('error.internal')));
}

async function start(): Promise<void> {
  const dataDir = resolveDataDir(process.argv.slice(1), process.env, app.getPath('userData'));
  usePdfTextWorkerEntry(pdfTextWorker);
  useSigningWorkerEntry(signingWorker);
  try {
    core = await createCore({ dataDir, seal: osSecretSeal(), backgroundSync: true, bundledTesseract: app.isPackaged ? bundledTesseract : null });
  } catch (error) {
    return fail(error, msg('shell.startFailed.detail', { dataDir, reason: error instanceof Error ? error.message : String(error) }));
  }
  const openCore = core;
  const devTools = !app.isPackaged;

  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir, content: openCore.content }));

  const isTrusted = (event: IpcEventLike) => isTrustedSender(event, mainWindow);
  const handlers = createIpcHandlers(openCore, isTrusted);
  ipcMain.handle(IPC_CHANNELS.call, (event, method, input) => handlers.call(event, method, input));
  ipcMain.handle(IPC_CHANNELS.upload, (event, bytes, name) => handlers.upload(event, bytes, name));
  ipcMain.handle(IPC_CHANNELS.uploadKeyFile, (event, bytes, name) => handlers.uploadKeyFile(event, bytes, name));
  forwardEvents(openCore.events, (event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_CHANNELS.event, event, payload);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ isMac: process.platform === 'darwin', devTools, onAbout: () => showAbout(dataDir) })),
  );

  const window = new BrowserWindow(mainWindowOptions({ title: 'Vanthu', preloadPath, devTools }));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  await window.loadURL(APP_ENTRY_URL);
  const opened = openedBeforeReady ?? [];
  openedBeforeReady = null;
  for (const file of opened) openPackage(file);
}

function openPackage(file: string): void {
  if (openedBeforeReady) {
    openedBeforeReady.push(file);
    return;
  }
  if (!core) return;
  void importOpenedPackage(core, file).then((outcome) => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    void dialog.showMessageBox(mainWindow, {
      type: outcome.kind === 'success' ? 'info' : 'error',
      title: msg('shell.openedFile.title', { name: path.basename(file) }),
      message: outcome.text,
      ...(outcome.detail ? { detail: outcome.detail } : {}),
      buttons: [msg('shell.about.ok')],
    });
  }, (error: unknown) => console.error(`[main] opening ${path.basename(file)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function showAbout(dataDir: string): void {
  if (!mainWindow) return;
  void dialog.showMessageBox(mainWindow, {
    type: 'info',
    title: msg('shell.about.title'),
    message: msg('shell.about.message', { version: app.getVersion() }),
    detail: msg('shell.about.detail', { dataDir }),
    buttons: [msg('shell.about.ok')],
  });
}

/** Shown in a dialog, since a desktop user has no console; the stack goes to the log only. */
function fail(error: unknown, detail: string): void {
  console.error(`[main] start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  dialog.showErrorBox(msg('shell.startFailed.title'), detail);
  app.exit(1);
}
