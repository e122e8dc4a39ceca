/**
 * The part of Electron's main-process API that Vanthu uses, typed after Electron's own documentation.
 * The electron package is an optional dependency whose binary (and so its typings) is absent on build machines and in
 * CI; tsconfig maps 'electron' here so the shell typechecks everywhere. Add members as the shell starts using them.
 */
import type { MenuItemTemplate } from './appMenu';
import type { FrameLike } from './senderCheck';

interface Event {
  preventDefault(): void;
}

export interface WebFrameMain extends FrameLike {
  readonly parent: WebFrameMain | null;
}

export interface IpcMainInvokeEvent extends Event {
  readonly sender: WebContents;
  readonly senderFrame: WebFrameMain | null;
}

export interface Session {
  setPermissionRequestHandler(handler: ((webContents: WebContents, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: WebContents | null, permission: string) => boolean) | null): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

export interface WebContents {
  readonly mainFrame: WebFrameMain;
  readonly session: Session;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Event, url: string) => void): this;
  on(event: 'will-attach-webview', listener: (event: Event) => void): this;
}

export interface BrowserWindowConstructorOptions {
  title?: string;
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  show?: boolean;
  backgroundColor?: string;
  webPreferences?: WebPreferences;
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  webviewTag?: boolean;
  experimentalFeatures?: boolean;
  navigateOnDragDrop?: boolean;
  spellcheck?: boolean;
  safeDialogs?: boolean;
  devTools?: boolean;
}

export class BrowserWindow {
  constructor(options?: BrowserWindowConstructorOptions);
  readonly webContents: WebContents;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): this;
  on(event: 'closed', listener: () => void): this;
}

export interface CustomScheme {
  scheme: string;
  privileges?: {
    standard?: boolean;
    secure?: boolean;
    bypassCSP?: boolean;
    allowServiceWorkers?: boolean;
    supportFetchAPI?: boolean;
    corsEnabled?: boolean;
    stream?: boolean;
    codeCache?: boolean;
  };
}

export const protocol: {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
};

export const session: { readonly defaultSession: Session };

export const safeStorage: {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
};

export const ipcMain: {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
};

export class Menu {
  static buildFromTemplate(template: MenuItemTemplate[]): Menu;
  static setApplicationMenu(menu: Menu | null): void;
}

export const dialog: {
  showMessageBox(window: BrowserWindow, options: { type?: 'info' | 'error'; title?: string; message: string; detail?: string; buttons?: string[] }): Promise<{ response: number }>;
  showErrorBox(title: string, content: string): void;
};

export const app: {
  readonly isPackaged: boolean;
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  getVersion(): string;
  quit(): void;
  exit(code?: number): void;
  on(event: 'second-instance', listener: (event: Event, argv: string[], workingDirectory: string) => void): void;
  on(event: 'open-file', listener: (event: Event, path: string) => void): void;
  on(event: 'window-all-closed' | 'activate' | 'will-quit', listener: () => void): void;
  on(event: 'web-contents-created', listener: (event: Event, contents: WebContents) => void): void;
};
