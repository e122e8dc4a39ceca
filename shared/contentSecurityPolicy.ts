/**
 * The page's Content-Security-Policy, the same for Electron's app:// protocol and the browser host: own origin only,
 * no inline script, no eval.
 * pdf.js runs its worker from our origin (worker-src 'self' blob:) and draws pages to canvases (img-src data: blob:).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
