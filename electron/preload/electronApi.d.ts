/**
 * The part of Electron's renderer-process API that the preload uses, typed after Electron's documentation; tsconfig
 * maps 'electron' here because the optional electron package (and its typings) is absent on build machines and in CI.
 */
export interface IpcRendererEvent {
  readonly sender: unknown;
}

export const ipcRenderer: {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
};

export const contextBridge: {
  exposeInMainWorld(apiKey: string, api: unknown): void;
};
