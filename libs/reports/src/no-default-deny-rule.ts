import { analyseDefaultDeny, coverageFor, DIRECTIONS } from './analyse-default-deny';
import { listText, plural } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { defaultDenyYaml } from './fix-snippets';
import { notAssessableNote } from './not-assessable-note';
import { definePostureRule, type PostureRuleMeta } from './posture-rule';
import { isSystemNamespace } from './read-posture';
import { REFERENCES } from './references';
import { unknownEnforcedPolicies } from './unknown-policies';

const META: PostureRuleMeta = {
  ruleId: 'PL-NET-001',
  title: 'No default deny',
  severity: 'critical',
  trigger:
    'No enforced policy denies Ingress or Egress by default for any non-system namespace (critical when both directions are open, high for one).',
  references: [REFERENCES.defaultDeny, REFERENCES.protectedAssets],
};

export const noDefaultDenyRule = definePostureRule(META, (posture) => {
  const coverage = analyseDefaultDeny(posture);
  const open = DIRECTIONS.filter((direction) => {
    const covered = coverageFor(coverage, direction);
    return (
      covered.covered.length === 0 &&
      covered.undetermined.length === 0 &&
      !covered.coversNewNamespaces
    );
  });
  if (open.length === 0) return [];
  const unknown = unknownEnforcedPolicies(posture);
  const directions = open.join(' and ');
  if (unknown.length > 0)
    return [notAssessableNote(META, unknown, `whether a default deny exists for ${directions}`)];
  const namespaces = posture.namespaceEntries.filter(
    (entry) => !isSystemNamespace(posture, entry.ref.name),
  );
  const names = namespaces.map((entry) => entry.ref.name);
  return [
    {
      severity: open.length === 2 ? 'critical' : 'high',
      description: `No enforced policy denies ${open.join(' or ')} traffic by default in any non-system namespace${names.length === 0 ? '' : ` (${listText(names)})`}: every pod accepts and sends whatever no policy happens to select.`,
      evidence: evidenceOf(
        namespaces.flatMap((entry) => (entry.source === undefined ? [] : [entry.source])),
        `Searched ${plural(posture.policies.length, 'policy', 'policies')} for an enforced policy with no Allow or Pass rule for ${directions}, in a tier ending in Deny, selecting every pod of ${plural(names.length, 'non-system namespace')} or of a namespace created later.`,
      ),
      fix: `Allow DNS and system traffic first, then apply a global default deny (stage it first as a StagedGlobalNetworkPolicy):\n${defaultDenyYaml(posture.options.systemNamespaces)}`,
    },
  ];
});
