const MASK = '*****';
const SECRET_KEYS =
  /^(access_token|id_token|refresh_token|token|api_?key|key|password|passwd|secret|client_secret|code|authorization|auth|jwt|bearer|sig|signature)$/i;
const API_TOKEN = /plt_[A-Za-z0-9_-]+/;
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.?/;
const BEARER = /^bearer\s/i;
const MAX_LENGTH = 2_048;

/**
 * A raw query string (without "?") fit for the access log: the value of any parameter named like
 * a credential, or looking like an API token, a JWT or a bearer credential, becomes "*****".
 */
export function maskQueryString(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawKey = eq < 0 ? pair : pair.slice(0, eq);
      if (looksSecret(decode(rawKey))) return MASK;
      if (eq < 0) return pair;
      const value = decode(pair.slice(eq + 1));
      return SECRET_KEYS.test(decode(rawKey)) || looksSecret(value) ? `${rawKey}=${MASK}` : pair;
    })
    .join('&')
    .slice(0, MAX_LENGTH);
}

function looksSecret(value: string): boolean {
  return API_TOKEN.test(value) || JWT.test(value) || BEARER.test(value);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
