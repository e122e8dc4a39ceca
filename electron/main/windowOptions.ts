/**
 * The settings of Vanthu's one window. The page is untrusted content as far as the OS goes: no Node, sandboxed,
 * isolated from the preload, and the preload is the only door (contract names only).
 */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  safeDialogs: true;
  devTools: boolean;
}

export interface MainWindowOptions {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: false;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

export function secureWebPreferences(preloadPath: string, devTools: boolean): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Dropping a file on the window must not navigate away from the app (the page handles drops itself).
    navigateOnDragDrop: false,
    // Chromium's spellchecker downloads dictionaries from Google: unwanted on office networks, and it knows no Vietnamese
    // administrative vocabulary anyway.
    spellcheck: false,
    safeDialogs: true,
    // A packaged build has no console for "paste this here" tricks; development builds keep it.
    devTools,
  };
}

export function mainWindowOptions(options: { title: string; preloadPath: string; devTools: boolean }): MainWindowOptions {
  return {
    title: options.title,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath, options.devTools),
  };
}
