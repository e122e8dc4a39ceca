/** The choices every document form offers the same way: Appendix III's types (with notation abbreviations), urgency. */
import { DOCUMENT_TYPES, PRIORITIES } from '../../shared/domain/documentTypes';

export function TypeOptions() {
  return DOCUMENT_TYPES.map((t) => (
    <option key={t.name} value={t.name}>
      {t.abbrev ? `${t.name} (${t.abbrev})` : t.name}
    </option>
  ));
}

/** Values are the edXML Priority numbers as text (0 Thường … 4 Hỏa tốc hẹn giờ). */
export function PriorityOptions() {
  return PRIORITIES.map((p, i) => (
    <option key={p} value={String(i)}>
      {p}
    </option>
  ));
}
