/**
 * The settings that belong to the organisation, not to one PC: how outgoing documents are numbered and the handling
 * deadline rules with the year's days off. A clerk or leader sets them on any PC; the server keeps them and hands them
 * to every PC with the organisation's profile, so that each PC proposes the same deadline and takes the same sequence.
 * Everything else in a PC's settings (the token library, the timestamp server) stays that PC's own.
 */
import { z } from 'zod';
import { NUMBERING_MODES } from '../domain/outgoing';
import { HandlingSettings } from './handlingSchemas';

export const ORG_SETTING_KEYS = ['handling.settings', 'outgoing.numbering'] as const;
export type OrgSettingKey = (typeof ORG_SETTING_KEYS)[number];

/** Stored as text, as the PC's settings table keeps it; the rules are JSON that must read as HandlingSettings. */
const rulesText = z
  .string()
  .max(200_000)
  .refine((text) => {
    try {
      return HandlingSettings.safeParse(JSON.parse(text)).success;
    } catch {
      return false;
    }
  }, 'not handling settings');

export const OrgSettings = z.strictObject({ 'handling.settings': rulesText.optional(), 'outgoing.numbering': z.enum(NUMBERING_MODES).optional() });
export type OrgSettings = z.infer<typeof OrgSettings>;
