import pino, { type Logger } from 'pino';
import { REDACTED_PATHS, redactSecrets } from './redact-secrets';

export type { Logger } from 'pino';

/** Structured JSON logs on stdout, one object per line, with secrets redacted by path and by pattern. */
export function createLogger(options: {
  name: string;
  level?: string;
  destination?: pino.DestinationStream;
}): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      base: { service: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '*****' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) =>
            typeof a === 'string' ? redactSecrets(a) : a,
          ) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
      serializers: {
        err: (error: Error) => ({
          type: error.name,
          message: redactSecrets(error.message),
          stack: error.stack,
        }),
      },
    },
    options.destination,
  );
}
