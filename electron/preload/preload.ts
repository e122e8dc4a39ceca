/** Sandboxed preload: exposes the contract bridge as `window.vanthu` and nothing else. Bundled into one file by esbuild. */
import { contextBridge, ipcRenderer } from 'electron';
import { createVanthuBridge } from './vanthuBridge';

contextBridge.exposeInMainWorld('vanthu', createVanthuBridge(ipcRenderer));
