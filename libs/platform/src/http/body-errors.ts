import { NextFunction, Request, Response } from 'express';
import { JsonTooDeepError } from './json-depth';
import { problem, sendProblem } from './problem-details';

/**
 * Errors of the JSON body parser, answered before Nest sees them (it would turn them into a
 * bare 400 with the parser's message); `type` is set by the parser.
 */
export function bodyParserErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const { type, status } = (error ?? {}) as { type?: string; status?: number };
  if (typeof type !== 'string' || (!type.startsWith('entity.') && !type.startsWith('charset.') && !type.startsWith('encoding.'))) {
    next(error);
    return;
  }
  const code = typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
  const message =
    error instanceof JsonTooDeepError
      ? error.message
      : type === 'entity.parse.failed'
        ? 'body: is not valid JSON (or not an object or array)'
        : type === 'entity.too.large'
          ? 'body: is larger than the limit'
          : `body: cannot be read (${type})`;
  sendProblem(res, problem(code, message));
}

/** A body in any other format than JSON is refused before it is read. */
export function requireJsonBodies(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    sendProblem(res, problem(415, 'content-type: must be application/json'));
    return;
  }
  next();
}
