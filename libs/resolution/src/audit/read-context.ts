import { DomainError, plainTextProblem } from '@registry/shared-kernel';
import { PURPOSE_CODES } from './purpose-codes';

export { PURPOSE_CODES };

export type PurposeCode = keyof typeof PURPOSE_CODES;

/** The case and the purpose of a read; the note is personal data (kept encrypted, never in the audit table). */
export interface ReadContext {
  readonly caseReference: string;
  readonly purpose: PurposeCode;
  readonly purposeNote?: string;
}

export const CASE_REFERENCE_HEADER = 'x-case-reference';
export const PURPOSE_HEADER = 'x-purpose';
export const PURPOSE_NOTE_HEADER = 'x-purpose-note';

export const PURPOSE_HEADER_DESCRIPTION = `Why the read is needed, one of: ${Object.keys(PURPOSE_CODES).join(', ')} (recorded in the audit trail)`;
export const PURPOSE_NOTE_DESCRIPTION =
  'Optional free text on the purpose, up to 500 characters, percent-encoded UTF-8 beyond ASCII; kept encrypted like personal data';

// eslint-disable-next-line no-control-regex -- control characters are what a header value must not hold
const PRINTABLE = /^[^\u0000-\u001f\u007f]+$/;

/** From the request headers; refused, naming the header, when either is missing or malformed. */
export function readContextOf(headers: Record<string, string | string[] | undefined>): ReadContext {
  const caseReference = single(headers[CASE_REFERENCE_HEADER]);
  const purpose = single(headers[PURPOSE_HEADER]);
  const note = single(headers[PURPOSE_NOTE_HEADER]);
  if (!caseReference) throw DomainError.invalid('X-Case-Reference', 'required: the case this read serves');
  if (caseReference.length > 100 || !PRINTABLE.test(caseReference)) throw DomainError.invalid('X-Case-Reference', 'must be 1 to 100 printable characters');
  if (!purpose) throw DomainError.invalid('X-Purpose', 'required: why this read is needed');
  if (!isPurposeCode(purpose))
    throw DomainError.invalid('X-Purpose', `must be one of ${Object.keys(PURPOSE_CODES).join(', ')} (free text goes in X-Purpose-Note)`);
  if (!note) return { caseReference, purpose };
  const purposeNote = decodeNote(note);
  if (purposeNote === undefined || purposeNote.length > 500 || plainTextProblem(purposeNote)) {
    throw DomainError.invalid('X-Purpose-Note', 'must be at most 500 printable characters, percent-encoded UTF-8 beyond ASCII');
  }
  return { caseReference, purpose, purposeNote };
}

/** Header values are bytes read as Latin-1, so text beyond ASCII travels percent-encoded. */
function decodeNote(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw).trim() || undefined;
  } catch {
    return undefined;
  }
}

const isPurposeCode = (value: string): value is PurposeCode => Object.prototype.hasOwnProperty.call(PURPOSE_CODES, value);

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim();
