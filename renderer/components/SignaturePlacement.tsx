/** Placing a signature by dragging a box over the page shown in the viewer; the box is kept in PDF user space. */
import { useRef, useState, type PointerEvent } from 'react';
import type { Placement } from '../../shared/contract';
import { msg } from '../../shared/messages';
import type { ShownPage } from './PdfViewer';
import { pixelsToPlacement, placementToPixels, type PixelBox as Box } from './placementGeometry';
import './signing.css';

/** A drag shorter than this (CSS pixels) is a click, not a box. */
const MIN_DRAG = 8;

interface SignaturePlacementProps {
  shown: ShownPage;
  value: Placement | null;
  onChange: (placement: Placement) => void;
}

export function SignaturePlacement({ shown, value, onChange }: SignaturePlacementProps) {
  const surface = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ x0: number; y0: number; box: Box } | null>(null);

  const point = (e: PointerEvent) => {
    const r = surface.current!.getBoundingClientRect();
    return { x: Math.min(Math.max(0, e.clientX - r.left), r.width), y: Math.min(Math.max(0, e.clientY - r.top), r.height) };
  };
  const boxFrom = (x0: number, y0: number, x: number, y: number): Box => ({ left: Math.min(x0, x), top: Math.min(y0, y), width: Math.abs(x - x0), height: Math.abs(y - y0) });

  const shownBox = drag?.box ?? (value && value.page === shown.page ? placementToPixels(shown.viewport, value) : null);
  return (
    <div
      ref={surface}
      className="sig-placement"
      data-testid="signature-placement"
      title={msg('signingUi.sign.placeHint')}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        const { x, y } = point(e);
        setDrag({ x0: x, y0: y, box: { left: x, top: y, width: 0, height: 0 } });
      }}
      onPointerMove={(e) => {
        if (!drag) return;
        const { x, y } = point(e);
        setDrag({ ...drag, box: boxFrom(drag.x0, drag.y0, x, y) });
      }}
      onPointerUp={(e) => {
        if (!drag) return;
        const { x, y } = point(e);
        const box = boxFrom(drag.x0, drag.y0, x, y);
        setDrag(null);
        if (box.width >= MIN_DRAG && box.height >= MIN_DRAG) onChange(pixelsToPlacement(shown.viewport, shown.page, box));
      }}
      onPointerCancel={() => setDrag(null)}
    >
      {shownBox && (
        <div
          className={drag ? 'sig-placement-box is-dragging' : 'sig-placement-box'}
          data-testid="signature-box"
          style={{ left: shownBox.left, top: shownBox.top, width: shownBox.width, height: shownBox.height }}
        />
      )}
    </div>
  );
}
