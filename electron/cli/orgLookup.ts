/** Units and people named on the command line as a person types them: a unit by its abbreviation, a person by full name. */
import type { OrgProfile } from '../../shared/contract';
import { msg } from '../../shared/messages';
import { CliError, EXIT } from './cliError';

export const unitByAbbrev = (profile: OrgProfile, abbrev: string) => profile.units.find((u) => u.abbrev.toUpperCase() === abbrev.trim().toUpperCase());

/** The staff member with this full name (or id), or a usage refusal naming it. */
export function staffByName(profile: OrgProfile, name: string) {
  const person = profile.staff.find((s) => s.fullName.normalize('NFC') === name.trim().normalize('NFC') || s.id === name.trim());
  if (!person) throw new CliError(EXIT.badInput, msg('cli.outgoing.staffUnknown', { name }));
  return person;
}
