import { FastifyInstance, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Logger } from 'pino';
import { Principal } from '../auth/principal';
import { redactText } from './redact';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The request id: the client's `X-Request-Id` when it is a plain token, else a new one (the adapter's `genReqId`). */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * One access line per request, written when the answer is sent: method, route (the pattern, so no
 * identifier from a path or query reaches the log), status, time taken, principal and request id.
 * The id goes back in the response; the error mapping's line of a failed request carries it too.
 * No async context is bound per request: on Node 20 that slows every promise of the process, and
 * the error line is the one line written while a route runs.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    // The line is built only when it is written (LOG_LEVEL=warn writes no line of a request that succeeded).
    if (logger.isLevelEnabled(level)) logger[level](accessLine(request, reply.statusCode, reply.elapsedTime), 'request');
    done();
  });
}

function accessLine(request: FastifyRequest & { principal?: Principal }, status: number, responseTime: number) {
  const route = request.routeOptions.url ?? null;
  return {
    requestId: request.id,
    method: request.method,
    route,
    // Only where no route matched: the path without its query, redacted like any text.
    path: route ? undefined : redactText(request.url.split('?')[0]),
    status,
    responseTime,
    principal: request.principal?.id ?? null,
  };
}
