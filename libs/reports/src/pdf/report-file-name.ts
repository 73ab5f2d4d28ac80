import type { ReportFormat, ReportMeta } from '../report-model';

const MAX_CLUSTER_LENGTH = 60;

/**
 * The file name a report downloads as, e.g. policy-ledger-compliance-prod-2026-03-01_2026-04-01.pdf:
 * ASCII letters, digits, dots, hyphens and one underscore between the period's ends, whatever
 * the cluster is called.
 */
export function reportFileName(
  meta: Pick<ReportMeta, 'type' | 'scope'>,
  format: ReportFormat,
): string {
  const scope =
    meta.scope.cluster === null
      ? 'all-clusters'
      : sanitiseSegment(meta.scope.cluster, MAX_CLUSTER_LENGTH) || 'cluster';
  return `policy-ledger-${meta.type}-${scope}-${periodEnd(meta.scope.from)}_${periodEnd(meta.scope.to)}.${format}`;
}

/** "2026-03-01" at midnight UTC, "2026-03-01T0930Z" or "2026-03-01T093015Z" otherwise. */
function periodEnd(rfc3339: string): string {
  const time = Date.parse(rfc3339);
  if (Number.isNaN(time)) return sanitiseSegment(rfc3339, 40) || 'unknown';
  const iso = new Date(time).toISOString();
  const day = iso.slice(0, 10);
  const [hours, minutes, seconds] = [iso.slice(11, 13), iso.slice(14, 16), iso.slice(17, 19)];
  if (hours === '00' && minutes === '00' && seconds === '00') return day;
  return `${day}T${hours}${minutes}${seconds === '00' ? '' : seconds}Z`;
}

/** Lower-case ASCII: accents dropped (équipe → equipe), anything else a hyphen, no leading dots. */
export function sanitiseSegment(text: string, maxLength: number): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, maxLength)
    .replace(/[-.]+$/, '');
}
