/** Error codes every transport carries; the message shown to people comes from the catalogue (messages.ts). */
export const ERROR_CODES = [
  'BAD_INPUT', // the input breaks a rule: a missing field, an impossible date, a wrong OrganId
  'NOT_SET_UP', // the organisation profile does not exist yet
  'NOT_FOUND',
  'SECRET_REFUSED', // a Mật / Tối mật / Tuyệt mật document offered to the normal register
  'DUPLICATE_REASON_REQUIRED', // registering a duplicate on purpose needs a recorded reason
  'UNREADABLE_FILE', // a file that cannot be read as what it claims to be
  'UNAUTHORIZED',
  'FORBIDDEN', // the acting staff member's role or part in the document does not allow this step
  'WRONG_STATE', // the document is not in a state this step applies to (already issued, not yet approved, ...)
  'OFFLINE', // the central server cannot be reached now; the work stays on this computer and goes later
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  /** Vietnamese, ready to show. */
  message: string;
  /** Field-level problems for forms: field name → Vietnamese message. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Thrown inside core services; the dispatcher turns it into `{ok:false, error}`, so it never crosses a process. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
