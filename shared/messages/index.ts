/**
 * The one message catalogue: every word a person sees, Vietnamese first, English second.
 * Sections live in their own files by product area; keys must not repeat across sections (checked by a test).
 */
import { ADMIN_MESSAGES } from './admin';
import { BLOB_TRANSFER_MESSAGES } from './blobTransfer';
import { CALENDAR_MESSAGES } from './calendar';
import { CLI_MESSAGES } from './cli';
import { DIRECTIVE_MESSAGES } from './directive';
import { EXCHANGE_MESSAGES } from './exchange';
import { EXCHANGE_SERVER_MESSAGES } from './exchangeServer';
import { DIRECTIVE_UI_MESSAGES } from './directiveUi';
import { HANDLING_MESSAGES } from './handling';
import { HANDLING_UI_MESSAGES } from './handlingUi';
import { COMMON_MESSAGES } from './common';
import { ISSUE_PLACES_MESSAGES } from './issuePlaces';
import { KEY_FILE_MESSAGES } from './keyFiles';
import { OUTGOING_MESSAGES } from './outgoing';
import { OFFICE_RULES_UI_MESSAGES } from './officeRulesUi';
import { OUTGOING_UI_MESSAGES } from './outgoingUi';
import { REGISTER_BOOK_MESSAGES } from './registerBook';
import { SERVER_MESSAGES } from './server';
import { SHELL_MESSAGES } from './shell';
import { SIGNING_MESSAGES } from './signing';
import { SIGNING_CLI_MESSAGES } from './signingCli';
import { SIGNING_ENCRYPTED_MESSAGES } from './signingEncrypted';
import { SIGNING_POLISH_MESSAGES } from './signingPolish';
import { SIGNING_TOKEN_MESSAGES } from './signingToken';
import { SIGNING_UI_MESSAGES } from './signingUi';
import { SIGNING_VERIFY_MESSAGES } from './signingVerify';
import { SIGNING_WORKER_MESSAGES } from './signingWorker';
import { SYNC_MESSAGES } from './sync';
import { SYNC_UI_MESSAGES } from './syncUi';
import { TRACKING_BOOK_MESSAGES } from './trackingBook';
import { UI_MESSAGES } from './ui';
import { VALIDATION_MESSAGES } from './validation';
import { WEB_HOST_MESSAGES } from './webHost';
import { WORK_FILE_MESSAGES } from './workFiles';
import { WORK_FILE_UI_MESSAGES } from './workFilesUi';

export const MESSAGES = {
  ...COMMON_MESSAGES,
  ...CLI_MESSAGES,
  ...SIGNING_MESSAGES,
  ...SIGNING_CLI_MESSAGES,
  ...SIGNING_ENCRYPTED_MESSAGES,
  ...SIGNING_POLISH_MESSAGES,
  ...SIGNING_TOKEN_MESSAGES,
  ...SIGNING_UI_MESSAGES,
  ...SIGNING_VERIFY_MESSAGES,
  ...SIGNING_WORKER_MESSAGES,
  ...ISSUE_PLACES_MESSAGES,
  ...KEY_FILE_MESSAGES,
  ...OUTGOING_MESSAGES,
  ...OUTGOING_UI_MESSAGES,
  ...OFFICE_RULES_UI_MESSAGES,
  ...REGISTER_BOOK_MESSAGES,
  ...SHELL_MESSAGES,
  ...UI_MESSAGES,
  ...VALIDATION_MESSAGES,
  ...WEB_HOST_MESSAGES,
  ...SERVER_MESSAGES,
  ...ADMIN_MESSAGES,
  ...BLOB_TRANSFER_MESSAGES,
  ...SYNC_MESSAGES,
  ...SYNC_UI_MESSAGES,
  ...CALENDAR_MESSAGES,
  ...HANDLING_MESSAGES,
  ...HANDLING_UI_MESSAGES,
  ...TRACKING_BOOK_MESSAGES,
  ...DIRECTIVE_MESSAGES,
  ...DIRECTIVE_UI_MESSAGES,
  ...WORK_FILE_MESSAGES,
  ...WORK_FILE_UI_MESSAGES,
  ...EXCHANGE_MESSAGES,
  ...EXCHANGE_SERVER_MESSAGES,
} as const;
export const SECTIONS = [
  COMMON_MESSAGES,
  CLI_MESSAGES,
  SIGNING_MESSAGES,
  SIGNING_CLI_MESSAGES,
  SIGNING_ENCRYPTED_MESSAGES,
  SIGNING_POLISH_MESSAGES,
  SIGNING_TOKEN_MESSAGES,
  SIGNING_UI_MESSAGES,
  SIGNING_VERIFY_MESSAGES,
  SIGNING_WORKER_MESSAGES,
  ISSUE_PLACES_MESSAGES,
  KEY_FILE_MESSAGES,
  OUTGOING_MESSAGES,
  OUTGOING_UI_MESSAGES,
  REGISTER_BOOK_MESSAGES,
  SHELL_MESSAGES,
  UI_MESSAGES,
  VALIDATION_MESSAGES,
  WEB_HOST_MESSAGES,
  SERVER_MESSAGES,
  ADMIN_MESSAGES,
  BLOB_TRANSFER_MESSAGES,
  SYNC_MESSAGES,
  SYNC_UI_MESSAGES,
  CALENDAR_MESSAGES,
  HANDLING_MESSAGES,
  HANDLING_UI_MESSAGES,
  TRACKING_BOOK_MESSAGES,
  DIRECTIVE_MESSAGES,
  DIRECTIVE_UI_MESSAGES,
  WORK_FILE_MESSAGES,
  WORK_FILE_UI_MESSAGES,
  EXCHANGE_MESSAGES,
] as const;

export type MessageKey = keyof typeof MESSAGES;

/** The Vietnamese text of a message with its {placeholders} filled. */
export function msg(key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[key].vi.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
