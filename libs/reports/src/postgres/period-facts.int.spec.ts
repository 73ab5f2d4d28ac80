import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../../../../test/support/database';
import { changeRows } from './period-facts.repository';

/** Synthetic change rows, many sharing an instant (the keyset's tie-break on id is exercised). */
async function seedChanges(
  db: Awaited<ReturnType<typeof isolatedDatabase>>['admin'],
  cluster: string,
  count: number,
): Promise<void> {
  await db.query(
    `insert into ledger.changes (id, cluster, change_key, api_group, resource, kind, name, verb, outcome,
                                 action, occurred_at, tiebreak, positions, last_position, audit_id, version)
     select md5($1 || i)::uuid, $1, 'audit:' || md5($1 || i), 'projectcalico.org', 'globalnetworkpolicies',
            'GlobalNetworkPolicy', 'gnp-' || (i % 7), 'update', 'applied', 'updated',
            timestamptz '2026-03-01 00:00:00+00' + (i / 3) * interval '1 second', md5($1 || i),
            array[i::bigint, i + 1_000_000], i + 1_000_000,
            case when i % 3 <> 0 then md5($1 || i) end, case when i % 4 <> 0 then i % 9 + 1 end
       from generate_series(1, $2::int) as i`,
    [cluster, count],
  );
}

describe('changeRows (synthetic changes)', () => {
  it('streams every change of the period once, in time order, across pages read ahead', async () => {
    const { admin, app } = await isolatedDatabase();
    await seedChanges(admin, 'paged', 1_234);
    await seedChanges(admin, 'other', 20);
    const rows = await changeRows(app, {
      cluster: 'paged',
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-02T00:00:00Z',
    });
    expect(rows.count).toBe(1_234);
    for (let pass = 0; pass < 2; pass++) {
      const seen: Array<{ at: string; id: string }> = [];
      for await (const change of rows.open()) seen.push({ at: change.occurredAt, id: change.id });
      expect(seen).toHaveLength(1_234);
      expect(new Set(seen.map((c) => c.id)).size).toBe(1_234);
      const sorted = [...seen].sort((a, b) =>
        a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1,
      );
      expect(seen).toEqual(sorted);
    }
  });

  it('streams the same changes as evidence: the same order, with what the appendix lists', async () => {
    const { admin, app } = await isolatedDatabase();
    await seedChanges(admin, 'evidence', 1_234);
    const rows = await changeRows(app, {
      cluster: 'evidence',
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-02T00:00:00Z',
    });
    const whole: unknown[] = [];
    for await (const c of rows.open())
      whole.push({
        id: c.id,
        occurredAt: c.occurredAt,
        auditId: c.auditId,
        positions: c.positions,
        version: c.version,
      });
    const evidence: unknown[] = [];
    for await (const e of rows.evidence.open()) evidence.push(e);
    expect(rows.evidence.count).toBe(1_234);
    expect(evidence.filter((e) => 'auditId' in (e as object))).toHaveLength(823);
    expect(evidence.filter((e) => 'version' in (e as object))).toHaveLength(926);
    expect(evidence).toHaveLength(1_234);
    expect(evidence).toEqual(whole);
  });

  it('lets a reader stop early without leaving a failure behind', async () => {
    const { admin, app } = await isolatedDatabase();
    await seedChanges(admin, 'early', 1_100);
    const rows = await changeRows(app, {
      cluster: 'early',
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-02T00:00:00Z',
    });
    let read = 0;
    for await (const _change of rows.open()) if (++read === 10) break;
    expect(read).toBe(10);
    await app.query('select 1');
  });
});
