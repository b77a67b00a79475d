import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'doctor-at-home-api' },
    // Never log credentials, even by accident.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'token', '*.token'],
  });
}
