import { describe, expect, it } from 'vitest';
import type { AuditEvent } from './audit-event';
import { AUDIT_EVENT_ID_NAMESPACE, auditEventId } from './audit-event-id';
import { URL_NAMESPACE, uuidV5 } from './uuid-v5';

type IdInput = Pick<AuditEvent, 'auditId' | 'stage' | 'level'>;

const COMPLETE: IdInput = { auditId: 'a1b2', stage: 'ResponseComplete', level: 'Metadata' };

describe('auditEventId', () => {
  it('uses the namespace derived from the Policy Ledger URN', () => {
    expect(AUDIT_EVENT_ID_NAMESPACE).toBe(
      uuidV5(URL_NAMESPACE, 'urn:policy-ledger:audit-event-id'),
    );
  });

  it('is a stable v5 UUID, so an exact redelivery gets the same id', () => {
    const id = auditEventId('prod-eu', COMPLETE);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(auditEventId('prod-eu', { ...COMPLETE })).toBe(id);
    expect(id).toBe(
      uuidV5(
        AUDIT_EVENT_ID_NAMESPACE,
        JSON.stringify(['prod-eu', 'a1b2', 'ResponseComplete', 'metadata']),
      ),
    );
  });

  it.each<[string, IdInput, IdInput]>([
    ['Metadata and RequestResponse twins', COMPLETE, { ...COMPLETE, level: 'RequestResponse' }],
    ['None and Request twins', { ...COMPLETE, level: 'None' }, { ...COMPLETE, level: 'Request' }],
    ['two stages of one request', COMPLETE, { ...COMPLETE, stage: 'RequestReceived' }],
    ['two requests', COMPLETE, { ...COMPLETE, auditId: 'a1b3' }],
  ])('differs between %s', (_name, a, b) => {
    expect(auditEventId('prod-eu', a)).not.toBe(auditEventId('prod-eu', b));
  });

  it.each<[string, IdInput, IdInput]>([
    ['Metadata and None', COMPLETE, { ...COMPLETE, level: 'None' }],
    [
      'Request and RequestResponse',
      { ...COMPLETE, level: 'Request' },
      { ...COMPLETE, level: 'RequestResponse' },
    ],
  ])('is shared by %s, which carry bodies alike', (_name, a, b) => {
    expect(auditEventId('prod-eu', a)).toBe(auditEventId('prod-eu', b));
  });

  it('differs between clusters, even when the parts could run together', () => {
    expect(auditEventId('prod', COMPLETE)).not.toBe(auditEventId('prod-eu', COMPLETE));
    expect(auditEventId('a,b', { ...COMPLETE, auditId: 'c' })).not.toBe(
      auditEventId('a', { ...COMPLETE, auditId: 'b,c' }),
    );
  });
});
