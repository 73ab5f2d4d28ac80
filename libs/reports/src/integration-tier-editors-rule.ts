import { listText } from './describe-policy';
import { describeSubject, isSystemIdentity, subjectKey } from './describe-subject';
import { evidenceOf } from './evidence-of';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import type { Posture } from './read-posture';
import { REFERENCES } from './references';
import type { AccessEntry, InventoryObject, TierAccess } from './report-model';

const META: PostureRuleMeta = {
  ruleId: 'PL-RBAC-004',
  title: 'Integration tier editable by non-admins',
  severity: 'high',
  trigger:
    'An AWS security-group integration tier (sg-remote, sg-local, metadata) exists and a subject that is neither a cluster administrator nor a system identity can edit it or its policies.',
  references: [REFERENCES.integrationTiers],
};

export const INTEGRATION_TIERS: readonly string[] = ['sg-remote', 'sg-local', 'metadata'];

export const integrationTierEditorsRule = definePostureRule(META, (posture) =>
  INTEGRATION_TIERS.flatMap((tier) => {
    const tierObject =
      posture.tiers.find((known) => known.model.name === tier)?.source ??
      posture.unknown.find((item) => item.family === 'tier' && item.source.name === tier)?.source;
    const access = posture.tierAccess.find((entry) => entry.tier === tier);
    if (tierObject === undefined && access === undefined) return [];
    if (access === undefined) return [missingAnalysisNote(posture, tier, tierObject)];
    const editors = nonAdminEditors(posture, access);
    return editors.length === 0 ? [] : [draftFor(tier, tierObject, editors)];
  }),
);

function nonAdminEditors(posture: Posture, access: TierAccess): AccessEntry[] {
  const admins = clusterAdmins(posture);
  const editors = [...access.policyEditors, ...access.tierModifiers].filter(
    (entry) =>
      !admins.has(subjectKey(entry.subject)) &&
      !entry.via.some((via) => via.includes('ClusterRole cluster-admin')) &&
      !isSystemIdentity(entry.subject, posture.options.systemNamespaces),
  );
  const unique = new Map(editors.map((entry) => [subjectKey(entry.subject), entry]));
  return [...unique.values()];
}

/** Subjects bound to cluster-admin cluster-wide, and system:masters (cluster-admin by design). */
function clusterAdmins(posture: Posture): Set<string> {
  const admins = new Set([subjectKey({ kind: 'Group', name: 'system:masters' })]);
  for (const { model } of posture.bindings) {
    if (model.kind !== 'ClusterRoleBinding') continue;
    if (model.roleRef?.kind !== 'ClusterRole' || model.roleRef.name !== 'cluster-admin') continue;
    for (const subject of model.subjects) admins.add(subjectKey(subject));
  }
  return admins;
}

function draftFor(
  tier: string,
  tierObject: InventoryObject | undefined,
  editors: readonly AccessEntry[],
): FindingDraft {
  const via = editors.flatMap((entry) => entry.via);
  return {
    severity: 'high',
    description: `Integration tier ${tier} is editable by ${listText(editors.map((entry) => describeSubject(entry.subject)))}, who are not cluster administrators: the tier mirrors AWS security groups and must not be modified by hand.`,
    evidence: evidenceOf(
      tierObject === undefined ? [] : [tierObject],
      `Tier-access analysis: ${via.join('; ') || 'no binding path recorded'}.`,
    ),
    fix: `Grant these subjects only get, list and watch on tiers and tier.networkpolicies / tier.globalnetworkpolicies with resourceNames [${tier}, ${tier}.*], and remove the write verbs from the roles named above.`,
  };
}

function missingAnalysisNote(
  posture: Posture,
  tier: string,
  tierObject: InventoryObject | undefined,
): FindingDraft {
  return {
    title: `${META.title} (not assessable)`,
    severity: 'info',
    description: `Integration tier ${tier} exists in cluster ${posture.cluster}, but no tier-access analysis was supplied for it, so who can edit it is not known.`,
    evidence: evidenceOf(tierObject === undefined ? [] : [tierObject]),
    fix: `Include tier ${tier} in the report's access analysis (policy-ledger RBAC snapshot of roles and bindings for the cluster).`,
  };
}
