import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Header values that carry credentials (session and API tokens, cookies):
 * censored wherever a request or its headers are logged (ADR 0042).
 */
const REDACTED = [
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** Structured JSON logs on stdout; one logger per process, children per request. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED, censor: '[redacted]' },
  });
}
