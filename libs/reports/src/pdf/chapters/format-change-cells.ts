import type { ChangeOutcome, ChangeRow } from '../../report-model';
import type { BadgeSpec } from '../draw-badge';
import { formatInstant } from '../format-report-values';
import { INK, pickRiskTone, TEXT } from '../report-theme';
import type { Cell, StyledText } from '../write-table';

const OUTCOME_BADGES: Record<ChangeOutcome, BadgeSpec> = {
  applied: { badge: 'APPLIED', tone: { fill: INK.accentLight, text: INK.accent } },
  denied: { badge: 'DENIED', tone: { fill: '#c9341e', text: INK.white } },
  failed: { badge: 'FAILED', tone: { fill: '#f0b323', text: INK.text } },
  dryrun: { badge: 'DRY RUN', tone: { fill: INK.headerFill, text: INK.text } },
};

export function formatWhen(change: ChangeRow): Cell {
  const instant = formatInstant(change.occurredAt);
  return [
    instant.slice(0, 10),
    instant.slice(11),
    { text: change.id, style: { ...TEXT.cellMono, size: 6, colour: INK.muted } },
  ];
}

export function formatActor(change: ChangeRow): Cell {
  const parts: StyledText[] = [
    change.actor === null
      ? { text: 'unknown actor', style: TEXT.cellMuted }
      : { text: change.actor, style: TEXT.cellBold },
  ];
  if (change.impersonatedBy !== undefined)
    parts.push({
      text: `impersonated by ${change.impersonatedBy}`,
      style: { ...TEXT.cell, colour: INK.warning },
    });
  if (change.sourceIp !== undefined)
    parts.push({ text: `from ${change.sourceIp}`, style: TEXT.cellMuted });
  return parts;
}

/** The verb, resource and object; the cluster only when the report spans clusters. */
export function formatChangedObject(change: ChangeRow, showCluster: boolean): Cell {
  const name =
    change.name === undefined
      ? ''
      : change.namespace === undefined
        ? change.name
        : `${change.namespace}/${change.name}`;
  const where = [
    showCluster ? `cluster ${change.cluster}` : '',
    change.tier === undefined ? '' : `tier ${change.tier}`,
    change.version === undefined ? '' : `v${change.version}`,
  ]
    .filter((part) => part !== '')
    .join(' · ');
  const flags = [
    change.directCrd ? 'direct CRD write' : '',
    change.cascade ? 'cascade' : '',
  ].filter((f) => f !== '');
  return [
    `${change.verb} ${change.resource}`,
    ...(name === '' ? [] : [{ text: name, style: TEXT.cellBold }]),
    ...(where === '' ? [] : [{ text: where, style: TEXT.cellMuted }]),
    ...(flags.length === 0
      ? []
      : [{ text: flags.join(', '), style: { ...TEXT.cell, colour: INK.warning } }]),
  ];
}

export function formatSemanticDiff(change: ChangeRow): Cell {
  if (change.summary.length === 0)
    return { text: `${change.action}; no semantic difference recorded`, style: TEXT.cellMuted };
  return change.summary.map((text) => ({ text, bullet: change.summary.length > 1 }));
}

/** The outcome badge, and the risk badge when the change was assessed. */
export function formatOutcomeAndRisk(change: ChangeRow): Cell {
  const outcome = OUTCOME_BADGES[change.outcome];
  return change.risk === undefined
    ? outcome
    : [outcome, { badge: `${change.risk.toUpperCase()} RISK`, tone: pickRiskTone(change.risk) }];
}
