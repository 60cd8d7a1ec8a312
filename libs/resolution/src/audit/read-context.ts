import { DomainError } from '@registry/shared-kernel';

/** Why an officer reads: the case and the stated purpose (Law 91/2025: processing needs a stated purpose). */
export interface ReadContext {
  readonly caseReference: string;
  readonly purpose: string;
}

export const CASE_REFERENCE_HEADER = 'x-case-reference';
export const PURPOSE_HEADER = 'x-purpose';

// eslint-disable-next-line no-control-regex -- control characters are what a header value must not hold
const PRINTABLE = /^[^\u0000-\u001f\u007f]+$/;

/** From the request headers; refused, naming the header, when either is missing or malformed. */
export function readContextOf(headers: Record<string, string | string[] | undefined>): ReadContext {
  const caseReference = single(headers[CASE_REFERENCE_HEADER]);
  const purpose = single(headers[PURPOSE_HEADER]);
  if (!caseReference) throw DomainError.invalid('X-Case-Reference', 'required: the case this read serves');
  if (caseReference.length > 100 || !PRINTABLE.test(caseReference)) throw DomainError.invalid('X-Case-Reference', 'must be 1 to 100 printable characters');
  if (!purpose) throw DomainError.invalid('X-Purpose', 'required: why this read is needed');
  if (purpose.length < 3 || purpose.length > 500 || !PRINTABLE.test(purpose)) throw DomainError.invalid('X-Purpose', 'must be 3 to 500 printable characters');
  return { caseReference: caseReference.trim(), purpose: purpose.trim() };
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim();
