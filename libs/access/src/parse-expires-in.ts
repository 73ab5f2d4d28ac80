const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const TEN_YEARS_MS = 3_650 * UNIT_MS.d;

export type ExpiresIn = { ok: true; ms: number | null } | { ok: false; reason: string };

/** "90d", "12h", "30m", "45s", "2w", or "never" (null). */
export function parseExpiresIn(text: string): ExpiresIn {
  if (text === 'never') return { ok: true, ms: null };
  const match = /^(\d{1,6})([smhdw])$/.exec(text);
  if (!match)
    return { ok: false, reason: `"${text}" is not a duration like 90d, 12h, 30m, 2w or never` };
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (ms <= 0) return { ok: false, reason: `"${text}" is not a positive duration` };
  if (ms > TEN_YEARS_MS) return { ok: false, reason: `"${text}" is longer than ten years` };
  return { ok: true, ms };
}
