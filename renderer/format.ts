/** How values are written on screen; dates follow the register's short form (dd/mm/yyyy) and Vietnam time. */
import { shortVietnameseDate, vietnamLocalTime } from '../shared/domain/dates';
import type { OrgProfile, Staff } from '../shared/contract';
import { AppError } from '../shared/errors';
import { msg } from '../shared/messages';

export function shortDate(iso: string | null | undefined): string {
  return iso ? shortVietnameseDate(iso.slice(0, 10)) : '';
}

/** "17/03/2026", the day in Vietnam of an instant (a UTC timestamp late in the evening is already tomorrow there). */
export function vietnamDate(instant: string): string {
  return shortVietnameseDate(vietnamLocalTime(new Date(instant)).slice(0, 10));
}

/** "17/03/2026 08:05" in Vietnam time, from an instant such as an event's `at`. */
export function vietnamDateTime(instant: string): string {
  const local = vietnamLocalTime(new Date(instant));
  return `${shortVietnameseDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

export { joinCode } from '../shared/domain/documentCode';

export function unitName(org: OrgProfile, unitId: string | null): string | undefined {
  return org.units.find((u) => u.id === unitId)?.name;
}

/** "Lê Minh Đức — Chuyên viên — Phòng Kinh tế": enough to tell namesakes apart in a list of people. */
export function staffLabel(org: OrgProfile, staff: Staff): string {
  return [staff.fullName, staff.position, unitName(org, staff.unitId)].filter(Boolean).join(' — ');
}

/** The inverse of joinCode for what a clerk types: "125/QĐ-UBND" → 125 and QĐ-UBND; digits alone are a number. */
export function splitCode(text: string): { codeNumber: string; codeNotation: string } {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash >= 0) return { codeNumber: trimmed.slice(0, slash).trim(), codeNotation: trimmed.slice(slash + 1).trim() };
  return /^\d+$/.test(trimmed) ? { codeNumber: trimmed, codeNotation: '' } : { codeNumber: '', codeNotation: trimmed };
}

const numberFormat = new Intl.NumberFormat('vi-VN');
export function count(n: number): string {
  return numberFormat.format(n);
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 0 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** The Vietnamese message of whatever went wrong; errors that are not ours get the generic text. */
export function errorMessage(error: unknown): string {
  return error instanceof AppError ? error.message : msg('error.internal');
}

/** Field problems of an AppError, keyed by the contract's path ("fields.arrivalDate", "organId", "units.0.name"). */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof AppError && error.fields ? error.fields : {};
}
