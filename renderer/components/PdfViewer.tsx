/** The attached PDF inside the app: one page at a time, PgUp/PgDn, zoom with +/− or fit to the pane's width. */
import type { PageViewport, PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { msg } from '../../shared/messages';
import { usePdfDocument } from '../hooks/usePdfDocument';
import { useShortcuts } from '../hooks/useShortcut';

const ZOOM_STEPS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];

/** What an overlay drawn over the page (e.g. placing a signature) needs: the page shown and its scale and rotation. */
export interface ShownPage {
  page: number;
  viewport: PageViewport;
  /** The open document, for overlays that read its text. */
  document: PDFDocumentProxy;
}

export function PdfViewer({ url, active, overlay }: { url: string; active: boolean; overlay?: (shown: ShownPage) => ReactNode }) {
  const { doc, failed } = usePdfDocument(url);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [paneWidth, setPaneWidth] = useState(0);
  const [shownScale, setShownScale] = useState(1);
  const [shown, setShown] = useState<ShownPage | null>(null);
  const pane = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const pageCount = doc?.numPages ?? 0;

  useEffect(() => setPage(1), [url]);

  useLayoutEffect(() => {
    const el = pane.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setPaneWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!doc || !canvas.current || paneWidth === 0) return;
    let cancelled = false;
    let render: { cancel(): void; promise: Promise<void> } | null = null;
    void doc.getPage(page).then((p) => {
      if (cancelled || !canvas.current) return;
      const natural = p.getViewport({ scale: 1 });
      const scale = zoom === 'fit' ? Math.max(0.2, (paneWidth - 32) / natural.width) : zoom;
      const viewport = p.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      const el = canvas.current;
      el.width = Math.floor(viewport.width * ratio);
      el.height = Math.floor(viewport.height * ratio);
      el.style.width = `${Math.floor(viewport.width)}px`;
      el.style.height = `${Math.floor(viewport.height)}px`;
      setShownScale(scale);
      setShown({ page, viewport, document: doc });
      render = p.render({ canvas: el, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
      render.promise.then(
        () => el.setAttribute('data-rendered-page', String(page)),
        () => undefined,
      );
      // A document closed while its page loads (another file opened, the view reloaded) has nothing left to draw.
    }, () => undefined);
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [doc, page, zoom, paneWidth]);

  const go = (to: number) => setPage(Math.min(Math.max(1, to), Math.max(1, pageCount)));
  const zoomBy = (dir: 1 | -1) => {
    const current = zoom === 'fit' ? shownScale : zoom;
    const next = dir > 0 ? ZOOM_STEPS.find((z) => z > current + 0.01) : [...ZOOM_STEPS].reverse().find((z) => z < current - 0.01);
    setZoom(next ?? current);
  };

  useShortcuts(
    [
      { key: 'PageDown', run: () => go(page + 1) },
      { key: 'PageUp', run: () => go(page - 1) },
      { key: '+', run: () => zoomBy(1) },
      { key: '=', run: () => zoomBy(1) },
      { key: '-', run: () => zoomBy(-1) },
      { key: '0', run: () => setZoom('fit') },
    ],
    active && Boolean(doc),
  );

  return (
    <div className="pdf-viewer" aria-label={msg('ui.pdf.label')}>
      <div className="pdf-toolbar" role="toolbar">
        <button type="button" onClick={() => go(page - 1)} disabled={page <= 1} title={msg('ui.pdf.prev')} aria-label={msg('ui.pdf.prev')}>
          ‹
        </button>
        <span className="pdf-page" data-testid="pdf-page">
          {pageCount ? msg('ui.pdf.page', { page, count: pageCount }) : ''}
        </span>
        <button type="button" onClick={() => go(page + 1)} disabled={page >= pageCount} title={msg('ui.pdf.next')} aria-label={msg('ui.pdf.next')}>
          ›
        </button>
        <span className="toolbar-gap" />
        <button type="button" onClick={() => zoomBy(-1)} title={msg('ui.pdf.zoomOut')} aria-label={msg('ui.pdf.zoomOut')}>
          −
        </button>
        <span className="pdf-zoom">{Math.round(shownScale * 100)}%</span>
        <button type="button" onClick={() => zoomBy(1)} title={msg('ui.pdf.zoomIn')} aria-label={msg('ui.pdf.zoomIn')}>
          +
        </button>
        <button type="button" onClick={() => setZoom('fit')} aria-pressed={zoom === 'fit'}>
          {msg('ui.pdf.fitWidth')}
        </button>
      </div>
      <div className="pdf-pane" ref={pane}>
        {failed ? (
          <div className="pdf-message" role="alert">
            {msg('ui.pdf.failed')}
          </div>
        ) : !doc ? (
          <div className="pdf-message">{msg('ui.pdf.loading')}</div>
        ) : null}
        <div className="pdf-page-frame">
          <canvas ref={canvas} className="pdf-canvas" hidden={!doc} data-testid="pdf-canvas" />
          {doc && shown && overlay?.(shown)}
        </div>
      </div>
    </div>
  );
}
