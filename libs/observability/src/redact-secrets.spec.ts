import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger';
import { redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it.each([
    [
      'a database URL password',
      'connect postgres://app:s3cr3t@db:5432/x failed',
      'connect postgres://app:*****@db:5432/x failed',
    ],
    [
      'a bearer credential',
      'Authorization: Bearer eyJhbGciOi.abc.def',
      'Authorization: Bearer *****',
    ],
    ['an API token', 'token plt_AbCdEf0123456789xyz created', 'token plt_***** created'],
    ['nothing secret', 'user alice patched tier security', 'user alice patched tier security'],
  ])('masks %s', (_case, input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });
});

describe('createLogger', () => {
  it('writes JSON lines with secrets removed by path and by pattern', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ name: 'test', destination: sink });
    logger.info(
      { req: { headers: { authorization: 'Bearer abc.def' } }, password: 'pw' },
      'connecting to postgres://u:pw@h/db',
    );
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      level: 'info',
      service: 'test',
      msg: 'connecting to postgres://u:*****@h/db',
      password: '*****',
    });
    expect(entry.req.headers.authorization).toBe('*****');
    expect(lines[0]).not.toContain('abc.def');
  });
});
