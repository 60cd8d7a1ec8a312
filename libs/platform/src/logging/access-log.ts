import { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { Options } from 'pino-http';
import { Principal } from '../auth/principal';
import { redactText } from './redact';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

interface RoutedRequest extends IncomingMessage {
  readonly route?: { readonly path?: string };
  readonly principal?: Principal;
  readonly originalUrl?: string;
}

/**
 * One access line per request: method, route (the pattern, so no identifier from a path or query
 * reaches the log), status, time taken, principal and request id. The request id is the client's
 * `X-Request-Id` when it is a plain token, else a new one; it goes back in the response and is on
 * every line logged while the request runs.
 */
export function accessLogOptions(logger: Logger): Options {
  return {
    logger,
    genReqId(request, response) {
      const given = request.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      response.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: (request, response, { responseTime }) => accessLine(request as RoutedRequest, response, responseTime),
    customErrorObject: (request, response, _error, { responseTime }) => accessLine(request as RoutedRequest, response, responseTime),
  };
}

function accessLine(request: RoutedRequest, response: ServerResponse, responseTime: number) {
  return {
    method: request.method,
    route: request.route?.path ?? null,
    // Only where no route matched: the path without its query, redacted like any text.
    path: request.route?.path ? undefined : redactText((request.originalUrl ?? request.url ?? '').split('?')[0]),
    status: response.statusCode,
    responseTime,
    principal: request.principal?.id ?? null,
  };
}
