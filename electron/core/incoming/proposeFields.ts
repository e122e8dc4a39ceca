/**
 * Proposes register fields from the text lines of an incoming document's first page, following the layout of
 * Decree 30/2020/NĐ-CP, Appendix I: issuing body top left (parent body above it), national motto top right, number and
 * notation under the issuing body, place and date under the motto, the type name centred with the subject under it (a
 * công văn has no type name but a "V/v" line under its number), urgency and secrecy stamps, and the signature block
 * bottom right. Every field is a proposal for the clerk to confirm; a field that cannot be read is left out rather than
 * guessed.
 */
import type { Proposal } from '../../../shared/contract/types';
import { isIsoDate } from '../../../shared/domain/dates';
import { DOCUMENT_TYPES, findDocumentType, PRIORITIES, type Secrecy } from '../../../shared/domain/documentTypes';
import { foldVietnamese } from '../../../shared/domain/fold';
import type { TextLine } from '../pdf/pdfText';

export interface ProposeOptions {
  /** Width of the first page in points (A4 when unknown). */
  pageWidth?: number;
  /** Lines of the last page: the signature block is read there when page 1 has none. */
  lastPage?: readonly TextLine[];
}

const A4_WIDTH = 595.28;
/** Lines closer than this many font sizes belong to the same block (position lines of a signature). */
const BLOCK_GAP = 1.8;
/**
 * The title, each subject line and the "V/v" lines are often paragraphs of their own with space after each (Word,
 * Writer and web editors, where the clerk presses Enter at the end of every line): up to this many font sizes apart
 * they still belong together. What ends a subject is then what follows it (capitals, grounds, body), not the space.
 */
const PARAGRAPH_GAP = 3.2;

interface Geometry {
  pageWidth: number;
  /** Right edge of the widest text: justified body lines end on it. */
  textRight: number;
  centre(l: TextLine): number;
  inLeftColumn(l: TextLine): boolean;
  inRightHalf(l: TextLine): boolean;
  /** Centred on the text area, as titles and subjects are. */
  centred(l: TextLine): boolean;
}

function geometry(lines: readonly TextLine[], pageWidth: number): Geometry {
  const left = lines.reduce((m, l) => Math.min(m, l.x), Infinity);
  const right = lines.reduce((m, l) => Math.max(m, l.x + l.width), -Infinity);
  const textCentre = (left + right) / 2;
  const centre = (l: TextLine) => l.x + l.width / 2;
  return {
    pageWidth,
    textRight: right,
    centre,
    inLeftColumn: (l) => centre(l) < pageWidth * 0.45 && l.x + l.width < pageWidth * 0.6,
    inRightHalf: (l) => l.x >= pageWidth * 0.45,
    centred: (l) => Math.abs(centre(l) - textCentre) < pageWidth * 0.06,
  };
}

const fold = (s: string) => foldVietnamese(s).replace(/\s+/g, ' ').trim();
const hasLetters = (s: string) => /\p{L}/u.test(s);
const isUpperCase = (s: string) => hasLetters(s) && s === s.toLocaleUpperCase('vi');
const gapBetween = (a: TextLine, b: TextLine) => b.y - a.y;
const below = (a: TextLine, b: TextLine, gap: number) => gapBetween(a, b) > 0 && gapBetween(a, b) <= gap * Math.max(a.fontSize, b.fontSize);
const closeBelow = (a: TextLine, b: TextLine) => below(a, b, BLOCK_GAP);
const paragraphBelow = (a: TextLine, b: TextLine) => below(a, b, PARAGRAPH_GAP);

const MOTTO = [fold('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), fold('Độc lập - Tự do - Hạnh phúc')].map((m) => m.replace(/[^a-z]/g, ''));
function isMotto(l: TextLine): boolean {
  const letters = fold(l.text).replace(/[^a-z]/g, '');
  return MOTTO.some((m) => letters.includes(m));
}

/**
 * An issuing body printed nearly against the national motto can come out as one line with it ("UBND THÀNH PHỐ ĐÀ NẴNG
 * CỘNG HÒA XÃ HỘI …", typically from OCR, which sees no gutter): the two are set apart again, each with its share of the
 * width by characters.
 */
function apartFromMotto(l: TextLine): TextLine[] {
  // Letter counts, not letters: OCR misreads a diacritic or a C ("GỘNG HÒA") more often than it drops a letter.
  const at = l.text.search(/\s(?=\p{L}{4}\s+H\p{L}{2}\s+X\p{L}\s+H\p{L}{2}\s+CH\p{L}\s+NGH)/u);
  if (at <= 0) return [l];
  const share = l.width * (at / l.text.length);
  return [
    { ...l, text: l.text.slice(0, at).trim(), width: share },
    { ...l, text: l.text.slice(at + 1).trim(), x: l.x + share, width: l.width - share },
  ];
}

/** Drawn rules are graphics, but documents made in a word processor often type them as a row of characters. */
const isRule = (l: TextLine) => /^[-_=.…─—–\s]+$/u.test(l.text);

/** "Số: 125/QĐ-UBND", "Số 05/SGDĐT-VP", "Số:    /QĐ-UBND" (number to be written in by hand). */
const NUMBER_LINE = /^Số\s*(?::|\.|(?=\d))\s*(\d*[A-Za-z]?)\s*\/\s*(\S+)/u;

/** "<Place>, ngày 05 tháng 01 năm 2026"; day or month may be blank on forms filled by hand. */
const LONG_DATE = /^(.*?)[,\s]*ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})?\s*năm\s+(\d{4})/iu;
/** "<Place>, ngày 5/1/2026", also with "-" or "." separators. */
const SHORT_DATE = /^(.*?)[,\s]*ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/iu;

const AUTHORITY_PREFIX = /^(TM|KT|Q|TL|TUQ)\.\s*/u;
/** Lines of a signature block that are not the position or the name: "(Đã ký)", "Ký bởi: …", "[daky]" … */
const SIGNATURE_NOISE = /^[([]|^ký bởi|^người ký|^thời gian ký/iu;
const PERSON_NAME = /^(\p{Lu}[\p{Ll}\p{M}]*)(\s+\p{Lu}[\p{Ll}\p{M}]*){1,5}$/u;

const PRIORITY_STAMPS = new Map(PRIORITIES.map((name, level) => [fold(name), level]));
const SECRECY_STAMPS = new Map<string, Secrecy>([
  [fold('Mật'), 'Mật'],
  [fold('Tối mật'), 'Tối mật'],
  [fold('Tuyệt mật'), 'Tuyệt mật'],
]);
/** Longest first, so "HỎA TỐC HẸN GIỜ" is not read as "HỎA TỐC" followed by junk. */
const STAMP_PHRASES = [...PRIORITY_STAMPS.keys(), ...SECRECY_STAMPS.keys()].sort((a, b) => b.length - a.length);

/** The stamps printed on a line ("KHẨN", "THƯỢNG KHẨN MẬT" for two stamps side by side), or none if it holds anything else. */
function stampsOn(l: TextLine): string[] {
  if (!isUpperCase(l.text)) return [];
  let rest = fold(l.text.replace(/[^\p{L}\s]/gu, ' '));
  const found: string[] = [];
  while (rest) {
    const phrase = STAMP_PHRASES.find((p) => rest === p || rest.startsWith(`${p} `));
    if (!phrase) return [];
    found.push(phrase);
    rest = rest.slice(phrase.length).trim();
  }
  return found;
}
const isStamp = (l: TextLine) => stampsOn(l).length > 0;

/** Words that open the name of a unit under a parent body ("SỞ …" under "UBND TỈNH …"), for files without bold. */
const UNIT_OPENERS = /^(sở|phòng|ban|vụ|cục|chi cục|trung tâm|văn phòng|trường|viện|thanh tra|tổng cục|học viện|bệnh viện|đài|báo|công an|kho bạc)(?=\s|$)/iu;

export function proposeFields(firstPage: readonly TextLine[], options: ProposeOptions = {}): Proposal {
  const lines = sortLines(firstPage);
  if (lines.length === 0) return {};
  const g = geometry(lines, options.pageWidth ?? A4_WIDTH);
  const proposal: Proposal = { priority: 0, secrecy: 'none' };

  const numberLine = findNumberLine(lines);
  if (numberLine) {
    const [, number = '', notation = ''] = NUMBER_LINE.exec(numberLine.text) ?? [];
    if (number) proposal.codeNumber = number;
    if (notation) proposal.codeNotation = notation;
  }

  // The date sits in the header, right of centre and above the body; dates quoted in the body are other documents'.
  const bodyTop = lines.find((l) => isBodyText(l, g))?.y ?? Infinity;
  const dateLine = lines.find((l) => l.y < bodyTop && g.centre(l) > g.pageWidth / 2 && placeAndDate(l.text) !== null);
  if (dateLine) Object.assign(proposal, placeAndDate(dateLine.text));

  const mottoLines = lines.filter(isMotto);
  const headerLines = [numberLine, dateLine, ...mottoLines].filter((l): l is TextLine => l !== undefined);
  const headerBottom = headerLines.reduce((m, l) => Math.max(m, l.y), -Infinity);

  const issuing = issuingBody(lines, g, numberLine?.y ?? headerBottom);
  if (issuing) proposal.organName = issuing;

  for (const stamp of lines.flatMap(stampsOn)) {
    const priority = PRIORITY_STAMPS.get(stamp);
    if (priority !== undefined && priority > (proposal.priority ?? 0)) proposal.priority = priority;
    const secrecy = SECRECY_STAMPS.get(stamp);
    if (secrecy) proposal.secrecy = secrecy;
  }

  const titled = titleAndSubject(lines, g, headerBottom);
  const dispatch = titled ? null : dispatchSubject(lines, g, numberLine);
  const typeName = titled ? titled.typeName : dispatch ? 'Công văn' : typeFromNotation(proposal.codeNotation);
  if (typeName) proposal.typeName = typeName;
  const subject = titled?.subject ?? dispatch;
  if (subject) proposal.subject = subject;

  const signer = signatureBlock(lines, g) ?? (options.lastPage?.length ? signatureBlock(sortLines(options.lastPage), g) : null);
  if (signer?.position) proposal.signerPosition = signer.position;
  if (signer?.name) proposal.signerName = signer.name;
  return proposal;
}

function sortLines(lines: readonly TextLine[]): TextLine[] {
  return lines
    .map((l) => ({ ...l, text: l.text.normalize('NFC').replace(/\s+/g, ' ').trim() }))
    .flatMap(apartFromMotto)
    .filter((l) => l.text !== '')
    .sort((a, b) => a.y - b.y || a.x - b.x);
}

/**
 * The "Số:" line. A tab between "Số:" and the number (left for writing the number by hand) leaves a gap wide enough
 * to split the line in two; the parts are joined again here.
 */
function findNumberLine(lines: readonly TextLine[]): TextLine | undefined {
  for (const [i, l] of lines.entries()) {
    if (NUMBER_LINE.test(l.text)) return l;
    if (!/^Số\s*:?$/u.test(l.text)) continue;
    const rest = lines.slice(i + 1).find((r) => Math.abs(r.y - l.y) < 0.4 * l.fontSize && r.x > l.x && r.text.includes('/'));
    const joined = rest && { ...l, text: `${l.text} ${rest.text}`, width: rest.x + rest.width - l.x };
    if (joined && NUMBER_LINE.test(joined.text)) return joined;
  }
  return undefined;
}

/** Place names are short and have no digits ("TP. Hồ Chí Minh"); anything else before "ngày" is a sentence. */
const MAX_PLACE_LENGTH = 40;

function placeAndDate(text: string): Pick<Proposal, 'place' | 'issuedDate'> | null {
  const m = LONG_DATE.exec(text) ?? SHORT_DATE.exec(text);
  if (!m) return null;
  const out: Pick<Proposal, 'place' | 'issuedDate'> = {};
  const place = (m[1] ?? '').replace(/[,\s]+$/u, '').trim();
  if (place.length > MAX_PLACE_LENGTH || /\d/.test(place)) return null;
  if (place) out.place = place;
  const [day, month, year] = [m[2], m[3], m[4]];
  if (day && month && year) {
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    if (isIsoDate(iso)) out.issuedDate = iso;
  }
  return out;
}

/**
 * The issuing body: upper-case lines of the left column above the number. When a parent body is printed above it,
 * Decree 30 sets the issuing body in bold and the parent in regular type, which tells them apart; files without
 * font weights fall back on the words a unit's name starts with. A name broken before its place is one body, not two
 * (see `namesOf`). The name proposed is the one a register writes: qualified by the parent (see `qualifiedByParent`),
 * and a people's committee on its own in sentence case (see `committeeInSentenceCase`).
 */
function issuingBody(lines: readonly TextLine[], g: Geometry, above: number): string | null {
  const block = lines.filter(
    (l) => l.y < above && g.inLeftColumn(l) && isUpperCase(l.text) && !isMotto(l) && !isRule(l) && !isStamp(l),
  );
  if (block.length === 0) return null;
  const names = namesOf(block);
  const firstBold = names.findIndex((n) => n.bold);
  let bodyAt = 0;
  if (firstBold > 0) bodyAt = firstBold;
  else if (firstBold === -1 || names.every((n) => n.bold)) bodyAt = Math.max(0, names.findIndex((n, i) => i > 0 && UNIT_OPENERS.test(n.text)));
  const join = (part: { text: string }[]) => part.map((n) => n.text).join(' ');
  const body = join(names.slice(bodyAt));
  const parent = join(names.slice(0, bodyAt));
  return parent ? qualifiedByParent(body, parent) : (committeeInSentenceCase(body) ?? body);
}

/** "TỈNH", "THÀNH PHỐ", "XÃ" …: the kind of administrative unit that opens a place name. */
const PLACE_KIND = /^(?:TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|TX\.?|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)(?=\s|$)/u;

/**
 * The lines of the issuing block grouped into the names they print. A line that opens with a place ("XÃ TÂN LẬP" under
 * "ỦY BAN NHÂN DÂN") names no body by itself: it ends the name above, whatever the issuer set in bold.
 */
function namesOf(block: readonly TextLine[]): { text: string; bold: boolean }[] {
  const names: { text: string; bold: boolean }[] = [];
  for (const l of block) {
    const last = names.at(-1);
    if (last && PLACE_KIND.test(l.text)) {
      last.text = `${last.text} ${l.text}`;
      last.bold ||= l.bold;
    } else names.push({ text: l.text, bold: l.bold });
  }
  return names;
}

/** A people's committee or council and its place: "ỦY BAN NHÂN DÂN XÃ TÂN LẬP", "UBND TP. HỒ CHÍ MINH". */
const COMMITTEE = /^(UBND|[UỦ][YỶ] BAN NHÂN DÂN|HĐND|HỘI ĐỒNG NHÂN DÂN)\s+(\S.*)$/u;

/**
 * A people's committee or council as the register writes it, in sentence case with the place's kind in lower case and
 * its name capitalised ("Ủy ban nhân dân xã Tân Lập", as Decree 30, Appendix II writes it); null for any other body,
 * whose capitals cannot be told from the upper-case header (which words of "SỞ GIÁO DỤC VÀ ĐÀO TẠO" are capitalised
 * is the issuer's own name).
 */
function committeeInSentenceCase(name: string): string | null {
  const m = COMMITTEE.exec(name);
  if (!m) return null;
  const kind = /^(UBND|[UỦ][YỶ])/u.test(m[1] as string) ? 'Ủy ban nhân dân' : 'Hội đồng nhân dân';
  let rest = writtenOut(m[2] as string);
  if (!PLACE_KIND.test(rest)) return null;
  const words: string[] = [];
  while (rest) {
    const placeKind = PLACE_KIND.exec(rest)?.[0];
    const word = placeKind ?? (rest.split(' ')[0] as string);
    const lower = word.toLocaleLowerCase('vi');
    words.push(placeKind ? lower : lower.replace(/(^|-)(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toLocaleUpperCase('vi')));
    rest = rest.slice(word.length).trim();
  }
  return `${kind} ${words.join(' ')}`;
}

/** "UBND TỈNH QUẢNG NINH", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "UBND HUYỆN GIA LÂM": the place is what follows. */
const PEOPLES_COMMITTEE = /^(?:UBND|[UỦ][YỶ] BAN NHÂN DÂN)\s+(\S.*)$/u;
const PLACE_KINDS: readonly [RegExp, string][] = [
  [/^TP\.?\s*/u, 'THÀNH PHỐ '],
  [/^TX\.?\s*/u, 'THỊ XÃ '],
];

/** Abbreviated place kinds written out, as registers write them ("TP. HỒ CHÍ MINH" → "THÀNH PHỐ HỒ CHÍ MINH"). */
function writtenOut(place: string): string {
  return PLACE_KINDS.reduce((p, [abbrev, full]) => p.replace(abbrev, full), place);
}

/**
 * Registers name a unit so that it cannot be confused with its namesakes elsewhere. Every province has a "SỞ Y TẾ" and
 * every district a "PHÒNG TÀI CHÍNH - KẾ HOẠCH", so under a people's committee the unit takes the committee's place:
 * "SỞ Y TẾ TỈNH QUẢNG NINH", the way the unit itself signs its seal and the way clerks write it. Under any other parent
 * (a ministry, a general department) the place is not what tells units apart: every ministry has a "VĂN PHÒNG" and a
 * "VỤ TỔ CHỨC CÁN BỘ", so the parent's own name follows after a dash: "VỤ PHÁP CHẾ - BỘ NỘI VỤ". Nothing is added when
 * the unit's name already holds the place or the parent.
 */
function qualifiedByParent(body: string, parent: string): string {
  if (!parent) return body;
  const place = PEOPLES_COMMITTEE.exec(parent)?.[1];
  if (place) {
    const written = writtenOut(place);
    return fold(body).includes(fold(written)) ? body : `${body} ${written}`;
  }
  return fold(body).includes(fold(parent)) ? body : `${body} - ${parent}`;
}

/**
 * Legal normative documents outside Decree 30's administrative types: they arrive too, their subject is read the same
 * way, and their type is left for the clerk (the register's type list does not hold them).
 */
const LEGAL_TITLES = ['Luật', 'Pháp lệnh', 'Lệnh', 'Nghị định', 'Thông tư', 'Thông tư liên tịch'].map(fold);

/** The centred type name before the body ("QUYẾT ĐỊNH", "GIẤY MỜI" …) and the subject lines right under it. */
function titleAndSubject(lines: readonly TextLine[], g: Geometry, headerBottom: number): { typeName: string | null; subject: string | null } | null {
  const afterHeader = lines.filter((l) => l.y > headerBottom);
  for (const [i, l] of afterHeader.entries()) {
    if (isBodyText(l, g) || /^kính gửi/iu.test(l.text)) return null;
    if (!g.centred(l) || !isUpperCase(l.text)) continue;
    const type = typeByTitle(l.text);
    if (!type && !LEGAL_TITLES.includes(fold(l.text))) continue;
    const subject: TextLine[] = [];
    let prev = l;
    for (const next of afterHeader.slice(i + 1)) {
      if (!paragraphBelow(prev, next) || !g.centred(next) || isUpperCase(next.text) || isRule(next)) break;
      if (startsBody(next, subject[0], g)) break;
      subject.push(next);
      prev = next;
    }
    return { typeName: type, subject: subject.length ? subject.map((s) => s.text).join(' ') : null };
  }
  return null;
}

/**
 * Where the body begins right under a subject, with no rule or space between them (common in invitations): a justified
 * line running to the right margin, a regular line after a bold subject (Decree 30 sets the subject in bold), the
 * greeting or invitation formula ("Kính gửi", "trân trọng kính mời"), or the legal grounds ("Căn cứ").
 */
function startsBody(l: TextLine, firstSubjectLine: TextLine | undefined, g: Geometry): boolean {
  if (isBodyText(l, g) && g.textRight - (l.x + l.width) < l.fontSize / 2) return true;
  if (firstSubjectLine?.bold && !l.bold) return true;
  const folded = fold(l.text);
  return /^can cu\b/u.test(folded) || /\bkinh (moi|gui)\b/u.test(folded);
}

function typeByTitle(text: string): string | null {
  const key = fold(text.replace(/[:.]\s*$/u, ''));
  return DOCUMENT_TYPES.find((t) => fold(t.name) === key)?.name ?? null;
}

/** A line of a body paragraph runs most of the text width; header, title and signature lines are short. */
function isBodyText(l: TextLine, g: Geometry): boolean {
  return l.width > g.pageWidth * 0.6;
}

/** A công văn's subject: "V/v …" under the number, possibly over several lines of the left column. */
function dispatchSubject(lines: readonly TextLine[], g: Geometry, numberLine: TextLine | undefined): string | null {
  const start = lines.findIndex((l) => (!numberLine || l.y > numberLine.y) && g.inLeftColumn(l) && /^(V\/v|Về việc)\b/iu.test(l.text));
  const first = lines[start];
  if (!first) return null;
  const parts = [first];
  let prev = first;
  for (const next of lines.slice(start + 1)) {
    if (!g.inLeftColumn(next)) continue;
    if (!paragraphBelow(prev, next) || isStamp(next) || isRule(next) || /^kính gửi/iu.test(next.text)) break;
    parts.push(next);
    prev = next;
  }
  return parts.map((l) => l.text).join(' ');
}

function typeFromNotation(notation: string | undefined): string | undefined {
  const abbrev = notation?.split('-')[0]?.split('/').at(-1);
  return abbrev ? findDocumentType(abbrev)?.name : undefined;
}

/**
 * The signature block at the bottom right: authority lines (TM., KT., Q., TL., TUQ.), the position in capitals, then
 * after the space for the signature the signer's name. It starts level with "Nơi nhận:" when that is printed.
 */
function signatureBlock(lines: readonly TextLine[], g: Geometry): { position: string | null; name: string | null } | null {
  const recipients = lastOf(lines, (l) => /^nơi nhận\s*:?/iu.test(l.text) && !g.inRightHalf(l));
  let from: number;
  if (recipients) from = recipients.y - 2 * recipients.fontSize;
  else {
    const lastLeft = lastOf(lines, (l) => !g.inRightHalf(l));
    from = lastLeft ? lastLeft.y + 0.1 : -Infinity;
  }
  const block = lines.filter((l) => l.y >= from && g.inRightHalf(l) && !SIGNATURE_NOISE.test(l.text));
  const positionLines: TextLine[] = [];
  let sawAuthority = false;
  let rest = block;
  for (const [i, l] of block.entries()) {
    if (AUTHORITY_PREFIX.test(l.text) && positionLines.length === 0) {
      sawAuthority = true;
      continue;
    }
    const prev = positionLines.at(-1);
    if (!isUpperCase(l.text) || (prev && !closeBelow(prev, l))) {
      rest = block.slice(i);
      break;
    }
    positionLines.push(l);
    rest = block.slice(i + 1);
  }
  const name = rest.find((l) => PERSON_NAME.test(l.text));
  if (positionLines.length === 0 && !sawAuthority && !name) return null;
  return { position: positionLines.length ? positionLines.map((l) => l.text).join(' ') : null, name: name?.text ?? null };
}

function lastOf(lines: readonly TextLine[], test: (l: TextLine) => boolean): TextLine | undefined {
  for (let i = lines.length - 1; i >= 0; i--) if (test(lines[i] as TextLine)) return lines[i];
  return undefined;
}
