/**
 * What went wrong, in the domain's words. The API maps each kind to one HTTP status
 * (libs/platform/src/http/error-mapping.ts); the domain never knows about HTTP.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden';

export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
  }

  static invalid(field: string, reason: string): DomainError {
    return new DomainError('invalid', `${field}: ${reason}`, [{ field, reason }]);
  }

  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what} not found`);
  }

  static conflict(message: string): DomainError {
    return new DomainError('conflict', message);
  }
}
