/**
 * The number and date places of an issuing signature while the clerk prepares it: proposed once per file from page 1's
 * text (or the places remembered for its template), moved by the clerk, and sent with the signing call.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useCallback, useMemo, useRef, useState } from 'react';
import { issueTemplateKey, proposeIssuePlaces, type IssuePlaces } from '../../shared/domain/issuePlaces';
import { pdfJsTextItems, type PageBox, type PageTextItem } from '../../shared/domain/pageText';
import { useApi } from './useApi';

/** What a click on the page places: the signature box (with the seal), the number, or the date. */
export type IssueTarget = 'box' | 'number' | 'date';
export type PlacesSource = 'remembered' | 'found' | 'default' | 'unreadable';

export interface IssuePlacesState {
  places: IssuePlaces;
  /** The template the places are remembered for once the signing succeeds. */
  template: string;
  source: PlacesSource;
}

export interface IssuePlacing {
  state: IssuePlacesState | null;
  finding: boolean;
  target: IssueTarget;
  setTarget(target: IssueTarget): void;
  /** The number and date typed in the signing panel: what the preview on the page shows. */
  values: { numberNotation: string; date: string };
  setValues(values: { numberNotation: string; date: string }): void;
  /** Reads page 1 of the open PDF and proposes places, once until `reset`. */
  propose(doc: PDFDocumentProxy): void;
  move(places: IssuePlaces): void;
  reset(): void;
}

export function useIssuePlacing(organId: string, typeName: string): IssuePlacing {
  const { api } = useApi();
  const [state, setState] = useState<IssuePlacesState | null>(null);
  const [finding, setFinding] = useState(false);
  const [target, setTarget] = useState<IssueTarget>('box');
  const [values, setValues] = useState({ numberNotation: '', date: '' });
  // The document being read, so a late answer for a file no longer shown is dropped.
  const reading = useRef<PDFDocumentProxy | null>(null);

  const propose = useCallback(
    (doc: PDFDocumentProxy) => {
      if (reading.current === doc) return;
      reading.current = doc;
      setFinding(true);
      void (async () => {
        let box: PageBox = [0, 0, 595.28, 841.89];
        let items: PageTextItem[] = [];
        try {
          const page = await doc.getPage(1);
          box = page.view as unknown as PageBox;
          const content = await page.getTextContent();
          items = pdfJsTextItems(content.items);
        } catch {
          items = [];
        }
        const proposal = proposeIssuePlaces(items, box);
        const template = issueTemplateKey({ organId, typeName, box, layout: proposal.layout });
        let remembered: IssuePlaces | null = null;
        try {
          remembered = await api.signing.issuePlaces({ template });
        } catch {
          // Nothing remembered can be read: the proposal stands, and the signing will store the confirmed places.
        }
        if (reading.current !== doc) return;
        const source: PlacesSource = remembered ? 'remembered' : proposal.found ? 'found' : items.some((i) => i.text.trim()) ? 'default' : 'unreadable';
        setState({ places: remembered ?? { numberAt: proposal.numberAt, dateAt: proposal.dateAt }, template, source });
        setFinding(false);
      })();
    },
    [api, organId, typeName],
  );

  const move = useCallback((places: IssuePlaces) => setState((s) => (s ? { ...s, places } : s)), []);
  const reset = useCallback(() => {
    reading.current = null;
    setState(null);
    setFinding(false);
    setTarget('box');
  }, []);

  return useMemo(
    () => ({ state, finding, target, setTarget, values, setValues, propose, move, reset }),
    [state, finding, target, values, propose, move, reset],
  );
}
