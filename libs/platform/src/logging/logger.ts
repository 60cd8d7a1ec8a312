import pino, { DestinationStream, Logger } from 'pino';
import { redact, redactText } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * The one logger of a process: JSON lines (`level`, `time`, `msg`, fields) for a log shipper to
 * read, with personal data redacted from every entry and message. The service writes to stdout;
 * the operator CLI to stderr, so that its stdout holds only its result.
 */
export function createLogger(level: LogLevel, destination: DestinationStream | 1 | 2 = 1): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (entry) => redact(entry) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination,
  );
}
