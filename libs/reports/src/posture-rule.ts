import type { Posture } from './read-posture';
import type { Finding, Severity } from './report-model';

export interface PostureRuleMeta {
  ruleId: string;
  title: string;
  /** The usual severity; a finding may state another (a partial case, an info-level note). */
  severity: Severity;
  /** What makes the rule fire, in one sentence (for the rule table in the report's appendix). */
  trigger: string;
  references: string[];
}

/** A finding as a rule states it; the rule's identity, the cluster and the id are added for it. */
export type FindingDraft = Pick<Finding, 'severity' | 'description' | 'evidence' | 'fix'> & {
  title?: string;
};

export interface PostureRule extends PostureRuleMeta {
  check(posture: Posture): Finding[];
}

export function definePostureRule(
  meta: PostureRuleMeta,
  evaluate: (posture: Posture) => FindingDraft[],
): PostureRule {
  return {
    ...meta,
    check: (posture) =>
      evaluate(posture).map((draft, index) => ({
        id: `${meta.ruleId}-${index + 1}`,
        ruleId: meta.ruleId,
        title: draft.title ?? meta.title,
        severity: draft.severity,
        cluster: posture.cluster,
        description: draft.description,
        evidence: draft.evidence,
        fix: draft.fix,
        references: meta.references,
      })),
  };
}
