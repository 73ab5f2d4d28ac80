import type { z } from 'zod';
import { ConfigError } from './config-error';

/**
 * Parses the environment once, at start-up. Every problem is reported together, naming the
 * variable, so an operator fixes them in one go; secrets never appear in the messages.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(defined);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.map(String).join('.') || '(environment)';
      return issue.code === 'invalid_type' && issue.input === undefined
        ? `${name}: required`
        : `${name}: ${issue.message}`;
    }),
  );
}
