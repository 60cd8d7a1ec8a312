import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ConcurrencyError, EventIdConflictError } from '@registry/event-store';
import { DomainError, FieldProblem } from '@registry/shared-kernel';
import { Request, Response } from 'express';
import { RateLimitExceeded } from './rate-limit/rate-limit.interceptor';

export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly problems?: readonly FieldProblem[];
}

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  invalid: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
};

/** The one mapping from errors to HTTP responses. Unknown errors are logged and answered without detail. */
@Catch()
export class ErrorMappingFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const body = this.toBody(error, request);
    if (error instanceof RateLimitExceeded) http.getResponse<Response>().setHeader('Retry-After', String(error.retryAfterSeconds));
    if (body.statusCode >= 500) {
      this.logger.error({ msg: 'request failed', method: request.method, route: request.route?.path, error: describe(error) });
    }
    http.getResponse<Response>().status(body.statusCode).json(body);
  }

  private toBody(error: unknown, request: Request): ErrorBody {
    if (error instanceof DomainError) {
      return errorBody(DOMAIN_STATUS[error.kind], error.message, error.problems);
    }
    if (error instanceof ConcurrencyError) {
      // With If-Match the client stated a version: the HTTP answer to a stale one is 412.
      const status = request.headers['if-match'] ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT;
      return errorBody(status, `the resource changed: it is at version ${error.actual}`);
    }
    if (error instanceof EventIdConflictError) {
      return errorBody(HttpStatus.CONFLICT, 'an event id of this request is already used by another request');
    }
    if (error instanceof RateLimitExceeded) return errorBody(HttpStatus.TOO_MANY_REQUESTS, error.message);
    if (error instanceof HttpException) {
      const response = error.getResponse();
      const problems = typeof response === 'object' ? (response as { problems?: FieldProblem[] }).problems : undefined;
      return errorBody(error.getStatus(), typeof response === 'string' ? response : readMessage(response, error.message), problems);
    }
    return errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }
}

export function errorBody(statusCode: number, message: string, problems?: readonly FieldProblem[]): ErrorBody {
  const error = (HttpStatus[statusCode] ?? 'ERROR').toString().toLowerCase().replace(/_/g, ' ');
  return problems && problems.length > 0 ? { statusCode, error, message, problems } : { statusCode, error, message };
}

function readMessage(response: object, fallback: string): string {
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : fallback;
}

/** Only the error's class and message: never the request body, which may hold personal data. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
}
