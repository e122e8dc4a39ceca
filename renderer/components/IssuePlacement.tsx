/**
 * Over the page shown in the viewer: the number and date an issuing signature will write, drawn where they will be
 * written, and (while the clerk places one of them) a click, a drag or the keyboard to move it.
 */
import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { issueTextPieces, type IssuePlaces } from '../../shared/domain/issuePlaces';
import { msg } from '../../shared/messages';
import type { IssuePlacing } from '../hooks/useIssuePlacing';
import type { ShownPage } from './PdfViewer';
import './issuePlaces.css';

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
/** Where a click puts the baseline: under the pointer by this part of the font size, so the text's middle is there. */
const BASELINE_BELOW_POINTER = 0.3;

export function IssuePlacement({ shown, placing }: { shown: ShownPage; placing: IssuePlacing }) {
  const surface = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const { state, target, values, propose, move } = placing;

  useEffect(() => propose(shown.document), [propose, shown.document]);

  if (!state) return null;
  const { places } = state;
  const active = target === 'number' || target === 'date' ? target : null;
  const key = active === 'number' ? 'numberAt' : 'dateAt';
  const what = active ? msg(active === 'number' ? 'issuePlaces.what.number' : 'issuePlaces.what.date') : '';

  const moveTo = (page: number, x: number, y: number) => {
    const round = (n: number) => Math.round(n * 100) / 100;
    move({ ...places, [key]: { ...places[key], page, x: round(x), y: round(y) } } as IssuePlaces);
  };
  const fromPointer = (e: PointerEvent) => {
    const r = surface.current!.getBoundingClientRect();
    const [x, y] = shown.viewport.convertToPdfPoint(e.clientX - r.left, e.clientY - r.top) as [number, number];
    moveTo(shown.page, x, y - places[key].size * BASELINE_BELOW_POINTER);
  };

  /** Enter: to the middle of the page when it is not on the page shown; arrows: 1 point (5 with Shift). */
  const onKeyDown = (e: KeyboardEvent) => {
    const place = places[key];
    if (e.key === 'Enter' && place.page !== shown.page) {
      const { viewport } = shown;
      const [x, y] = viewport.convertToPdfPoint(viewport.width / 2, viewport.height / 2) as [number, number];
      moveTo(shown.page, x, y);
    } else if (ARROWS[e.key] && place.page === shown.page) {
      const step = e.shiftKey ? 5 : 1;
      const [dx, dy] = ARROWS[e.key]!;
      // Arrows move as the page is displayed: turn the on-screen direction into user space (pages may be rotated).
      const [x0, y0] = shown.viewport.convertToPdfPoint(0, 0) as [number, number];
      const [x1, y1] = shown.viewport.convertToPdfPoint(dx * shown.viewport.scale, -dy * shown.viewport.scale) as [number, number];
      moveTo(place.page, place.x + (x1 - x0) * step, place.y + (y1 - y0) * step);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const pieces = issueTextPieces(places, values).map((p, i) => ({ ...p, group: i === 0 && values.numberNotation.trim() ? 'number' : 'date' }));
  return (
    <div
      ref={surface}
      className={active ? 'issue-placement is-active' : 'issue-placement'}
      data-testid="issue-placement"
      {...(active
        ? {
            role: 'application',
            tabIndex: 0,
            'aria-label': msg('issuePlaces.keys', { what }),
            title: msg('issuePlaces.hint', { what }),
            onKeyDown,
            onPointerDown: (e: PointerEvent<HTMLDivElement>) => {
              if (e.button !== 0) return;
              e.preventDefault();
              e.currentTarget.setPointerCapture(e.pointerId);
              dragging.current = true;
              fromPointer(e);
            },
            onPointerMove: (e: PointerEvent) => dragging.current && fromPointer(e),
            onPointerUp: () => (dragging.current = false),
            onPointerCancel: () => (dragging.current = false),
          }
        : {})}
    >
      {pieces
        .filter((p) => p.page === shown.page)
        .map((p, i) => {
          const [left, top] = shown.viewport.convertToViewportPoint(p.x, p.y) as [number, number];
          return (
            <span
              key={i}
              className={p.group === active ? 'issue-text is-active' : 'issue-text'}
              data-testid={`issue-preview-${p.group}`}
              style={{ left, top, fontSize: p.size * shown.viewport.scale }}
            >
              {p.text}
            </span>
          );
        })}
    </div>
  );
}
