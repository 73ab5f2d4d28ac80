/** What the apps, tests, demo and benchmarks need to reach the stack, as environment variables. */
export interface StackSettings {
  DATABASE_URL: string;
  /** The schema owner: migrations run with it; the apps never do. */
  DATABASE_ADMIN_URL: string;
  KAFKA_BROKERS: string;
}

export type StackMode = 'embedded' | 'docker' | 'auto';

export interface TopicSpec {
  topic: string;
  partitions: number;
  config?: Record<string, string>;
}

export interface StackTiming {
  part: string;
  ms: number;
}

/** dotenv lines, in a fixed order, for .stack/env. */
export function formatStackEnv(settings: StackSettings): string {
  return `${(['DATABASE_URL', 'DATABASE_ADMIN_URL', 'KAFKA_BROKERS'] as const).map((k) => `${k}=${settings[k]}`).join('\n')}\n`;
}

export function parseStackEnv(text: string): Partial<StackSettings> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && !line.startsWith('#')) out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out as Partial<StackSettings>;
}

/** A connection URL with its password replaced, for printing. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '*****';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:*****@');
  }
}

export function parseStackMode(value: string | undefined): StackMode {
  const mode = (value ?? 'embedded').trim().toLowerCase();
  if (mode === 'embedded' || mode === 'docker' || mode === 'auto') return mode;
  throw new Error(`POLICY_LEDGER_STACK must be embedded, docker or auto (got "${value}")`);
}

export function formatTimings(timings: readonly StackTiming[]): string {
  return timings.map((t) => `${t.part} ${(t.ms / 1000).toFixed(1)} s`).join(', ');
}
