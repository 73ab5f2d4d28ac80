import { describeLabelChanges, hasLabelChanges, labelChanges } from './describe-labels';
import type { SemanticChange } from './semantic-change';
import type { NamespaceModel } from './to-namespace-model';

export function diffNamespaces(
  before: NamespaceModel | undefined,
  after: NamespaceModel | undefined,
): SemanticChange[] {
  if (before === undefined) {
    if (after === undefined) return [];
    return [
      {
        type: 'object-created',
        risk: 'low',
        summary: `Namespace ${after.name} created`,
        details: { labels: { ...after.labels } },
      },
    ];
  }
  if (after === undefined) {
    return [
      {
        type: 'object-deleted',
        risk: 'medium',
        summary: `Namespace ${before.name} deleted: its network policies go with it, without audit events of their own`,
      },
    ];
  }
  const changes = labelChanges(before.labels, after.labels);
  if (!hasLabelChanges(changes)) return [];
  return [
    {
      type: 'labels-changed',
      risk: 'medium',
      summary: `Labels of namespace ${after.name} changed (namespaceSelectors match on them): ${describeLabelChanges(changes)}`,
      path: '/metadata/labels',
      details: { ...changes },
    },
  ];
}
