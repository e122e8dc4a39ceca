/** In the signing panel, for an issuing signature: what a click on the page places, and where the number and date go. */
import { issueTextPieces } from '../../shared/domain/issuePlaces';
import { msg, type MessageKey } from '../../shared/messages';
import type { IssuePlacing, IssueTarget, PlacesSource } from '../hooks/useIssuePlacing';
import './issuePlaces.css';

const TARGETS: [IssueTarget, MessageKey][] = [
  ['box', 'issuePlaces.target.box'],
  ['number', 'issuePlaces.target.number'],
  ['date', 'issuePlaces.target.date'],
];
const SOURCE_TEXT: Record<PlacesSource, MessageKey> = {
  remembered: 'issuePlaces.source.remembered',
  found: 'issuePlaces.source.found',
  default: 'issuePlaces.source.default',
  unreadable: 'issuePlaces.unreadable',
};

export function IssuePlacesControls({ placing }: { placing: IssuePlacing }) {
  const { state, finding, target, setTarget, values } = placing;
  const pieces = state ? issueTextPieces(state.places, values) : [];
  const numberText = values.numberNotation.trim() ? pieces[0]?.text : undefined;
  const dateText = pieces
    .slice(numberText === undefined ? 0 : 1)
    .map((p) => p.text)
    .join(' … ');
  const line = (what: 'number' | 'date', text: string | undefined) => {
    if (!state || !text) return null;
    const p = state.places[what === 'number' ? 'numberAt' : 'dateAt'];
    return (
      <li data-testid={`issue-at-${what}`}>
        {msg('issuePlaces.at', { what: msg(`issuePlaces.target.${what}`), page: p.page, x: Math.round(p.x), y: Math.round(p.y), text })}
      </li>
    );
  };
  return (
    <div className="issue-controls" data-testid="issue-places">
      <p className="small">
        <strong>{msg('issuePlaces.title')}</strong>
      </p>
      <div role="radiogroup" aria-label={msg('issuePlaces.placing')}>
        <span className="small muted">{msg('issuePlaces.placing')}: </span>
        {TARGETS.map(([t, label]) => (
          <label key={t} className="sign-radio">
            <input type="radio" name="issue-target" checked={target === t} onChange={() => setTarget(t)} />
            {msg(label)}
          </label>
        ))}
      </div>
      {target !== 'box' && <p className="sign-place-hint small">{msg('issuePlaces.hint', { what: msg(target === 'number' ? 'issuePlaces.what.number' : 'issuePlaces.what.date') })}</p>}
      {finding && <p className="muted small">{msg('issuePlaces.finding')}</p>}
      {state && (
        <>
          <p className="small" data-testid="issue-source">
            {msg(SOURCE_TEXT[state.source])}
          </p>
          <ul className="small">
            {line('number', numberText)}
            {line('date', dateText || undefined)}
          </ul>
          <p className="muted small">{msg('issuePlaces.remembers')}</p>
        </>
      )}
    </div>
  );
}
