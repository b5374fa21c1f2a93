import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs on stderr, so stdout stays clean for commands that print data (`--json`). */
export function createLogger(level: string): Logger {
  return pino({ level }, pino.destination(2));
}
