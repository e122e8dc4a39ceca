/**
 * Who may call the core over IPC: only the main frame of our window, showing our own app:// page. An iframe, a page
 * that navigated elsewhere, or another webContents is refused before the dispatcher sees anything.
 * The shapes below are the parts of Electron's WebFrameMain / BrowserWindow we read, so tests can pass plain objects.
 */
import { isAppUrl } from './appOrigin';

export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
}

export interface WindowLike {
  isDestroyed(): boolean;
  readonly webContents: { readonly mainFrame: FrameLike };
}

export interface IpcEventLike {
  readonly sender: unknown;
  /** Null when the frame has navigated or been destroyed since sending. */
  readonly senderFrame: FrameLike | null;
}

export function isTrustedSender(event: IpcEventLike, window: WindowLike | null): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  // WebFrameMain objects are not guaranteed to be the same JS object for one frame: compare the frame's identity.
  const main = window.webContents.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url);
}
