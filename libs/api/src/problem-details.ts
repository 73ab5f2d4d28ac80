/** An RFC 9457 problem document: what every error response of the API is. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** For 400s: every invalid field and what is wrong with it. */
  errors?: Array<{ field: string; problem: string }>;
}

const BASE = 'https://policy-ledger.dev/problems';

/** Problem types are stable URIs: clients branch on `type`, people read `title` and `detail`. */
export const PROBLEM_TYPES: Record<number, { type: string; title: string }> = {
  400: { type: `${BASE}/invalid-request`, title: 'The request is not valid' },
  401: { type: `${BASE}/unauthenticated`, title: 'Authentication is required' },
  403: { type: `${BASE}/forbidden`, title: 'Not allowed' },
  404: { type: `${BASE}/not-found`, title: 'Not found' },
  405: { type: `${BASE}/method-not-allowed`, title: 'Method not allowed' },
  409: { type: `${BASE}/conflict`, title: 'Conflict' },
  413: { type: `${BASE}/too-large`, title: 'The request is too large' },
  415: { type: `${BASE}/unsupported-media-type`, title: 'Unsupported media type' },
  429: { type: `${BASE}/too-many-requests`, title: 'Too many requests' },
  503: { type: `${BASE}/unavailable`, title: 'Temporarily unavailable' },
};

export function problem(
  status: number,
  detail?: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  const known =
    PROBLEM_TYPES[status] ??
    (status >= 500
      ? { type: `${BASE}/internal-error`, title: 'Internal error' }
      : { type: 'about:blank', title: 'Error' });
  return { ...known, status, ...(detail ? { detail } : {}), ...extra };
}

/** A 400 listing every invalid field, e.g. `limit: must be at most 1000`. */
export function invalidRequest(
  errors: Array<{ field: string; problem: string }>,
  instance?: string,
): ProblemDetails {
  const detail = errors.map((e) => `${e.field}: ${e.problem}`).join('; ');
  return problem(400, detail, { errors, ...(instance ? { instance } : {}) });
}
