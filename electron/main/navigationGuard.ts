/**
 * Nothing leaves the app: no navigation to another origin, no new windows, no <webview>.
 * External links are not opened either (no shell.openExternal): documents come from outside agencies and may carry
 * links, offices are often air-gapped, and handing a document's URL to the OS is a phishing and code-execution path
 * on a government workstation. If a help page is ever needed it will be bundled and served from app://.
 */
import { isAppUrl } from './appOrigin';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Navigation inside our own origin (a reload of the app's page) is harmless; anything else is refused. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

export function guardNavigation(contents: GuardedContents): void {
  const refuseForeign = (event: PreventableEvent, url: string) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(denyWindowOpen);
}
