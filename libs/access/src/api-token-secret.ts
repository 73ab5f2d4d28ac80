import { createHash, randomBytes } from 'node:crypto';

/** Every API token starts with this, so people, log redaction and secret scanners recognise one. */
export const API_TOKEN_PREFIX = 'plt_';

const API_TOKEN_FORMAT = /^plt_[A-Za-z0-9_-]{43}$/;

/** A new API token: `plt_` and 256 random bits in base64url. Shown once, stored only as its hash. */
export function generateApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

// A 256-bit random secret cannot be brute-forced from its digest, so one fast SHA-256 suffices;
// slow password hashes (scrypt, argon2) only earn their cost on guessable, low-entropy secrets.
export function hashApiTokenSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Whether a bearer credential has the shape of an API token (as opposed to a JWT). */
export function isApiTokenShaped(credential: string): boolean {
  return credential.startsWith(API_TOKEN_PREFIX);
}

/** Whether it could be one this service issued: lets garbage be refused without a database read. */
export function isWellFormedApiToken(credential: string): boolean {
  return API_TOKEN_FORMAT.test(credential);
}
