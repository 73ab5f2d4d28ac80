const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@\s]+@/gi;
const BEARER = /\b(bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const API_TOKEN = /\bplt_[A-Za-z0-9_-]{10,}/g;

/** Masks passwords in URLs, bearer credentials and Policy Ledger API tokens inside free text. */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_PASSWORD, '$1*****@')
    .replace(BEARER, '$1*****')
    .replace(API_TOKEN, 'plt_*****');
}

/** Field paths pino must never print, whatever object they appear in. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'DATABASE_URL',
  'DATABASE_ADMIN_URL',
  'KAFKA_SASL_PASSWORD',
  '*.DATABASE_URL',
  '*.KAFKA_SASL_PASSWORD',
];
