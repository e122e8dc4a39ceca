/**
 * The lines of a signature block signed under an authority (Decree 30 Appendix I, "thẩm quyền ký"), as the outgoing
 * register prints the signer: TM. names the collective body the head signs for ("TM. ỦY BAN NHÂN DÂN", then "CHỦ
 * TỊCH"); KT., TL. and TUQ. name the head's title the deputy or the authorised person signs for ("KT. CHỦ TỊCH", then
 * "PHÓ CHỦ TỊCH"); Q. is the head's title held in acting ("Q. CHỦ TỊCH"), with no title line of its own.
 */
import type { SigningAuthority } from './outgoing';

/** Where the locality begins in an organisation's name ("Ủy ban nhân dân | xã Tân Lập"). */
const LOCALITY = /\s+(xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)(\s|$)/iu;
const DEPUTY = /^phó(\s|$)/iu;
const upper = (s: string) => s.trim().toLocaleUpperCase('vi');

/** The kind of body without its place: "Ủy ban nhân dân xã Tân Lập" → "ỦY BAN NHÂN DÂN"; null when no place is named. */
export function collectiveBody(organName: string): string | null {
  const at = organName.search(LOCALITY);
  return at > 0 ? upper(organName.slice(0, at)) : null;
}

/** The title of the organisation's head: the one title among its leaders that is no deputy's; null if none or several. */
export function headTitle(leaderPositions: string[]): string | null {
  const titles = new Set(leaderPositions.map(upper).filter((p) => p !== '' && !DEPUTY.test(p)));
  return titles.size === 1 ? [...titles][0]! : null;
}

export interface SignerFacts {
  authority: SigningAuthority | string;
  /** The title printed under the authority line ("PHÓ CHỦ TỊCH"). */
  position: string;
  name: string;
}

export interface OrganisationFacts {
  name: string;
  abbrev: string;
  /** From headTitle(); the abbreviation stands in when it is not known. */
  headTitle: string | null;
}

/** The block's lines, top to bottom; a head signing in person has no authority line. */
export function signerBlockLines(signer: SignerFacts, organisation: OrganisationFacts): string[] {
  const authority = signer.authority.trim();
  const head = organisation.headTitle ?? upper(organisation.abbrev);
  const first =
    authority === '' ? ''
    : authority === 'TM.' ? `TM. ${collectiveBody(organisation.name) ?? upper(organisation.abbrev)}`
    : `${authority} ${head}`;
  const title = authority === 'Q.' ? '' : upper(signer.position);
  return [first, title, signer.name.trim()].filter((s) => s !== '');
}
