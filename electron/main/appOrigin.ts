/**
 * The renderer's home: a privileged `app://vanthu` origin served by our protocol handler. Stored document bytes live
 * under the same origin (`/content/<hash>`), so the page's CSP ('self') and pdf.js's fetches need no exception, and the
 * renderer builds the same relative content URLs as in the browser host.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'vanthu';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of our own origin. Node's URL reports origin "null" for custom schemes, so compare the parts. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
