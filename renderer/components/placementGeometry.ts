/**
 * Between the viewer's CSS pixels (origin top left of the shown page, y down) and PDF user space (points, origin at
 * the page's lower-left corner, y up). pdf.js's viewport carries the zoom, the CropBox offset and the page's /Rotate.
 */
import type { PageViewport } from 'pdfjs-dist';
import type { Placement } from '../../shared/contract';

export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

export function pixelsToPlacement(viewport: PageViewport, page: number, box: PixelBox): Placement {
  const [x1, y1] = viewport.convertToPdfPoint(box.left, box.top) as [number, number];
  const [x2, y2] = viewport.convertToPdfPoint(box.left + box.width, box.top + box.height) as [number, number];
  return { page, x: round(Math.min(x1, x2)), y: round(Math.min(y1, y2)), width: round(Math.abs(x2 - x1)), height: round(Math.abs(y2 - y1)) };
}

export function placementToPixels(viewport: PageViewport, p: Placement): PixelBox {
  const [a, b, c, d] = viewport.convertToViewportRectangle([p.x, p.y, p.x + p.width, p.y + p.height]) as [number, number, number, number];
  return { left: Math.min(a, c), top: Math.min(b, d), width: Math.abs(c - a), height: Math.abs(d - b) };
}
