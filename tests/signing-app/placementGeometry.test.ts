/** The viewer's pixels to PDF user space and back, through pdf.js's own viewport (zoom, CropBox offset, /Rotate). */
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { degrees, PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pixelsToPlacement, placementToPixels } from '../../renderer/components/placementGeometry';

/** Page 1: A4. Page 2: a CropBox from (50, 60). Page 3: 600 × 800 with /Rotate 90. Viewports as the viewer gets them. */
let pdf: PDFDocumentProxy;
beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.addPage([595.28, 841.89]);
  doc.addPage([700, 900]).setCropBox(50, 60, 600, 800);
  doc.addPage([600, 800]).setRotation(degrees(90));
  pdf = await getDocument({ data: await doc.save(), isEvalSupported: false }).promise;
});

async function viewport(page: number, scale: number, rotation?: number) {
  const p = await pdf.getPage(page);
  return p.getViewport({ scale, ...(rotation === undefined ? {} : { rotation }) });
}

describe('placing a signature box', async () => {
  it('an A4 page at 150 %: y grows upwards from the bottom edge, sizes shrink by the zoom', async () => {
    const v = await viewport(1, 1.5);
    expect(pixelsToPlacement(v, 1, { left: 60, top: 90, width: 150, height: 75 })).toEqual({ page: 1, x: 40, y: 731.89, width: 100, height: 50 });
  });

  it('a CropBox that does not start at 0: the offset is added back', async () => {
    const v = await viewport(2, 2);
    expect(pixelsToPlacement(v, 2, { left: 0, top: 0, width: 100, height: 40 })).toEqual({ page: 2, x: 50, y: 840, width: 50, height: 20 });
  });

  it('a page with /Rotate 90: the displayed top left is the user-space origin, and width and height swap', async () => {
    const v = await viewport(3, 1);
    expect(pixelsToPlacement(v, 3, { left: 100, top: 50, width: 200, height: 100 })).toEqual({ page: 3, x: 50, y: 100, width: 100, height: 200 });
  });

  it('turns a placement back into the same pixels at any zoom and rotation', async () => {
    for (const rotation of [0, 90, 180, 270]) {
      const v = await viewport(1, 1.25, rotation);
      const box = { left: 33, top: 71, width: 180, height: 64 };
      const back = placementToPixels(v, pixelsToPlacement(v, 1, box));
      for (const k of ['left', 'top', 'width', 'height'] as const) expect(Math.abs(back[k] - box[k])).toBeLessThan(0.02);
    }
  });
});
