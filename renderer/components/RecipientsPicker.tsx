/**
 * Nơi nhận of an outgoing draft: units and staff of the organisation (their copies arrive in its own incoming list at
 * dispatch) and other organisations by OrganId and name (for electronic exchange), each removable.
 */
import { useState } from 'react';
import type { OrgProfile, Recipient } from '../../shared/contract';
import { isValidOrganId } from '../../shared/domain/organId';
import { msg } from '../../shared/messages';

interface RecipientsPickerProps {
  org: OrgProfile;
  value: Recipient[];
  onChange: (value: Recipient[]) => void;
}

export function RecipientsPicker({ org, value, onChange }: RecipientsPickerProps) {
  const [organId, setOrganId] = useState('');
  const [organName, setOrganName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const nameOf = (r: Recipient) =>
    r.kind === 'external'
      ? `${r.name} (${r.organId})`
      : r.kind === 'unit'
        ? (org.units.find((u) => u.id === r.id)?.name ?? '')
        : (org.staff.find((s) => s.id === r.id)?.fullName ?? '');
  const chosen = (kind: 'unit' | 'staff', id: string) => value.some((r) => r.kind === kind && r.id === id);

  const addInternal = (choice: string) => {
    const [kind, id] = choice.split(':') as ['unit' | 'staff', string];
    if (id && !chosen(kind, id)) onChange([...value, { kind, id }]);
  };
  const addExternal = () => {
    const id = organId.trim().toUpperCase();
    const name = organName.trim();
    if (!isValidOrganId(id)) return setProblem(msg('error.organIdInvalid'));
    if (!name) return setProblem(msg('outgoingUi.recipients.nameRequired'));
    setProblem(null);
    if (!value.some((r) => r.kind === 'external' && r.organId === id)) onChange([...value, { kind: 'external', organId: id, name }]);
    setOrganId('');
    setOrganName('');
  };

  return (
    <div className="recipients" data-testid="recipients">
      {value.length > 0 ? (
        <ul className="recipient-list">
          {value.map((r, i) => (
            <li key={i} className={`recipient recipient-${r.kind}`}>
              <span>{nameOf(r)}</span>
              <button type="button" className="link-button" aria-label={`${msg('ui.action.remove')} ${nameOf(r)}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{msg('outgoingUi.recipients.none')}</p>
      )}
      <div className="recipient-add">
        <select aria-label={msg('outgoingUi.recipients.addInternal')} value="" onChange={(e) => addInternal(e.target.value)}>
          <option value="">{msg('outgoingUi.recipients.addInternal')}</option>
          {org.units.length > 0 && (
            <optgroup label={msg('ui.handOver.units')}>
              {org.units.map((u) => (
                <option key={u.id} value={`unit:${u.id}`} disabled={chosen('unit', u.id)}>
                  {u.name}
                </option>
              ))}
            </optgroup>
          )}
          {org.staff.length > 0 && (
            <optgroup label={msg('ui.handOver.staff')}>
              {org.staff.map((s) => (
                <option key={s.id} value={`staff:${s.id}`} disabled={chosen('staff', s.id)}>
                  {[s.fullName, s.position].filter(Boolean).join(' — ')}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <input
          aria-label={msg('outgoingUi.recipients.organId')}
          placeholder={msg('outgoingUi.recipients.organId')}
          value={organId}
          onChange={(e) => setOrganId(e.target.value)}
          className="recipient-organ-id"
          spellCheck={false}
          maxLength={13}
        />
        <input
          aria-label={msg('outgoingUi.recipients.organName')}
          placeholder={msg('outgoingUi.recipients.organName')}
          value={organName}
          onChange={(e) => setOrganName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.ctrlKey) addExternal();
          }}
          maxLength={300}
        />
        <button type="button" onClick={addExternal} disabled={!organId.trim() && !organName.trim()}>
          {msg('outgoingUi.recipients.addExternal')}
        </button>
      </div>
      {problem && <div className="field-error">{problem}</div>}
    </div>
  );
}
