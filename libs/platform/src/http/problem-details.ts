import { HttpStatus } from '@nestjs/common';
import { FieldProblem } from '@registry/shared-kernel';
import { HttpResponse } from './http-types';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** RFC 9457 problem details: what every error answer of the registry is. */
export interface ProblemDetails {
  /** `/problems/<status name>`, e.g. `/problems/bad-request`: one type per status, listed in the OpenAPI document. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  /** Every fault as `field: rule`, joined by `; `; never the value sent. */
  readonly detail: string;
  /** The invalid fields (or headers, path and query parameters), one message per fault. */
  readonly errors?: readonly FieldError[];
}

/** Statuses whose answer is about what the client sent, so their detail names a field. */
const INPUT_STATUSES = new Set([400, 413, 415, 422]);
/** The registry's convention for a single fault: `claims[0].role: must be one of …`. */
const FIELD_MESSAGE = /^([A-Za-z][\w.[\]-]*): (.+)$/s;

export function problemType(status: number): string {
  return `/problems/${statusName(status).toLowerCase().replace(/ /g, '-')}`;
}

export function problem(status: number, detail: string, problems: readonly FieldProblem[] = []): ProblemDetails {
  const errors = problems.length > 0 ? problems.map((p) => ({ field: p.field, message: p.reason })) : fieldOf(status, detail);
  const base = { type: problemType(status), title: statusName(status), status, detail };
  return errors.length > 0 ? { ...base, errors } : base;
}

export function sendProblem(res: HttpResponse & { send(payload: string): unknown }, body: ProblemDetails): void {
  res.status(body.status);
  res.type(PROBLEM_CONTENT_TYPE);
  res.send(JSON.stringify(body));
}

function fieldOf(status: number, detail: string): FieldError[] {
  const match = INPUT_STATUSES.has(status) ? FIELD_MESSAGE.exec(detail) : null;
  return match ? [{ field: match[1], message: match[2] }] : [];
}

/** `NOT_FOUND` → `Not Found`. */
function statusName(status: number): string {
  const name = HttpStatus[status];
  if (typeof name !== 'string') return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
