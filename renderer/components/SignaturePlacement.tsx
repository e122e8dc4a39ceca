/** Placing a signature by dragging a box over the page shown in the viewer; the box is kept in PDF user space. */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Placement } from '../../shared/contract';
import { msg } from '../../shared/messages';
import type { ShownPage } from './PdfViewer';
import { pixelsToPlacement, placementToPixels, type PixelBox as Box } from './placementGeometry';
import './signing.css';

/** A drag shorter than this (CSS pixels) is a click, not a box. */
const MIN_DRAG = 8;
/** From the keyboard: Enter puts a box of this size (points) in the middle of the page; arrows move it. */
const KEYBOARD_BOX = { width: 170, height: 70 };
const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

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

  const placed = value && value.page === shown.page ? placementToPixels(shown.viewport, value) : null;
  const shownBox = drag?.box ?? placed;

  /** Enter: a box in the middle of the page; arrows: move it by 5 points (20 with Shift), kept on the page. */
  const onKeyDown = (e: KeyboardEvent) => {
    const { viewport } = shown;
    const scale = viewport.scale;
    let next: Box | null = null;
    if (e.key === 'Enter' && !placed) {
      const width = KEYBOARD_BOX.width * scale;
      const height = KEYBOARD_BOX.height * scale;
      next = { left: (viewport.width - width) / 2, top: (viewport.height - height) / 2, width, height };
    } else if (ARROWS[e.key] && placed) {
      const step = (e.shiftKey ? 20 : 5) * scale;
      const [dx, dy] = ARROWS[e.key]!;
      next = {
        ...placed,
        left: Math.min(Math.max(0, placed.left + dx * step), viewport.width - placed.width),
        top: Math.min(Math.max(0, placed.top + dy * step), viewport.height - placed.height),
      };
    }
    if (!next) return;
    e.preventDefault();
    e.stopPropagation();
    onChange(pixelsToPlacement(viewport, shown.page, next));
  };
  return (
    <div
      ref={surface}
      className="sig-placement"
      data-testid="signature-placement"
      title={msg('signingUi.sign.placeHint')}
      role="application"
      aria-label={msg('signingUi.sign.placeKeys')}
      tabIndex={0}
      onKeyDown={onKeyDown}
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
