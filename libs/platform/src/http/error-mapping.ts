import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ConcurrencyError, EventIdConflictError } from '@registry/event-store';
import { DomainError, FieldProblem } from '@registry/shared-kernel';
import { ADAPTER_REFUSALS } from './body-errors';
import { HttpRequest, HttpResponse } from './http-types';
import { ProblemDetails, problem, sendProblem } from './problem-details';
import { RateLimitExceeded } from './rate-limit/rate-limit.guard';

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  invalid: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
};

/** The one mapping from errors to HTTP responses (problem details). Unknown errors are logged and answered without detail. */
@Catch()
export class ErrorMappingFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const body = this.toProblem(error, request);
    if (error instanceof RateLimitExceeded) http.getResponse<HttpResponse>().header('Retry-After', String(error.retryAfterSeconds));
    if (body.status >= 500) {
      this.logger.error({ msg: 'request failed', requestId: request.id, method: request.method, route: request.routeOptions?.url, error: describe(error) });
    }
    sendProblem(http.getResponse<HttpResponse & { send(payload: string): unknown }>(), body);
  }

  private toProblem(error: unknown, request: HttpRequest): ProblemDetails {
    if (error instanceof DomainError) {
      return problem(DOMAIN_STATUS[error.kind], error.message, error.problems);
    }
    if (error instanceof ConcurrencyError) {
      // With If-Match the client stated a version: the HTTP answer to a stale one is 412.
      const status = request.headers['if-match'] ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT;
      return problem(status, `the resource changed: it is at version ${error.actual}`);
    }
    if (error instanceof EventIdConflictError) {
      return problem(HttpStatus.CONFLICT, 'an event id of this request is already used by another request');
    }
    if (error instanceof RateLimitExceeded) return problem(HttpStatus.TOO_MANY_REQUESTS, error.message);
    if (error instanceof HttpException) {
      const refusal = ADAPTER_REFUSALS[error.getStatus()];
      if (refusal) return problem(error.getStatus(), refusal);
      const response = error.getResponse();
      const problems = typeof response === 'object' ? (response as { problems?: FieldProblem[] }).problems : undefined;
      return problem(error.getStatus(), typeof response === 'string' ? response : readMessage(response, error.message), problems);
    }
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }
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
