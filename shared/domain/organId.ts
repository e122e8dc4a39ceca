/**
 * OrganId of QCVN 102:2016: 13 characters `XXX.YY.ZZ.Lnn`, digits in the first three groups, the top-level code on the
 * right as a capital letter and two digits (e.g. 000.00.00.H41, 000.00.00.G22).
 */
const ORGAN_ID = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export function isValidOrganId(value: string): boolean {
  return ORGAN_ID.test(value);
}
