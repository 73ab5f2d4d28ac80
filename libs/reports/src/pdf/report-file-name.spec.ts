import { describe, expect, it } from 'vitest';
import type { ReportMeta } from '../report-model';
import { reportFileName } from './report-file-name';

const meta = (
  cluster: string | null,
  from = '2026-03-01T00:00:00Z',
  to = '2026-04-01T00:00:00Z',
): Pick<ReportMeta, 'type' | 'scope'> => ({
  type: 'compliance',
  scope: { cluster, from, to },
});

describe('reportFileName', () => {
  it.each([
    [
      'a cluster, whole days',
      meta('prod'),
      'pdf',
      'policy-ledger-compliance-prod-2026-03-01_2026-04-01.pdf',
    ],
    [
      'every cluster',
      meta(null),
      'json',
      'policy-ledger-compliance-all-clusters-2026-03-01_2026-04-01.json',
    ],
    [
      'accents dropped',
      meta('équipe-sécurité'),
      'csv',
      'policy-ledger-compliance-equipe-securite-2026-03-01_2026-04-01.csv',
    ],
    [
      'path and shell characters replaced',
      meta('../prod cluster;rm -rf /'),
      'pdf',
      'policy-ledger-compliance-prod-cluster-rm-rf-2026-03-01_2026-04-01.pdf',
    ],
    [
      'nothing usable left',
      meta('日本'),
      'pdf',
      'policy-ledger-compliance-cluster-2026-03-01_2026-04-01.pdf',
    ],
    [
      'times that are not midnight',
      meta('prod', '2026-03-01T09:30:00Z', '2026-03-01T17:45:10+02:00'),
      'pdf',
      'policy-ledger-compliance-prod-2026-03-01T0930Z_2026-03-01T154510Z.pdf',
    ],
  ] as const)('%s', (_case, input, format, expected) => {
    expect(reportFileName(input, format)).toBe(expected);
  });

  it('keeps very long cluster names to 60 characters', () => {
    const name = reportFileName(meta('x'.repeat(200)), 'pdf');
    expect(name).toBe(`policy-ledger-compliance-${'x'.repeat(60)}-2026-03-01_2026-04-01.pdf`);
  });

  it('names threat models by their type', () => {
    expect(reportFileName({ ...meta('prod'), type: 'threat-model' }, 'pdf')).toBe(
      'policy-ledger-threat-model-prod-2026-03-01_2026-04-01.pdf',
    );
  });
});
