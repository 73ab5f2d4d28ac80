import { type Problems, readArray, readRecord, readStringList } from './field-readers';
import { toJsonPointer } from './json-pointer';
import { canonicalText } from './json-value';
import { objectKindOf } from './object-kind';
import { readMetadata } from './read-metadata';

export interface RbacRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
  path: string;
  position: number;
}

export interface RoleModel {
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace?: string;
  rules: RbacRule[];
  /** `rbac.authorization.k8s.io/aggregate-to-*` labels set to "true": this role widens those roles. */
  aggregationTargets: string[];
  /** ClusterRole aggregationRule.clusterRoleSelectors, as canonical JSON text. */
  aggregationSelectors: string[];
  problems: string[];
}

const AGGREGATE_PREFIX = 'rbac.authorization.k8s.io/aggregate-to-';

export function toRoleModel(object: unknown): RoleModel {
  const problems: Problems = [];
  const metadata = readMetadata(object, problems);
  const declared = objectKindOf(object);
  const kind =
    declared === 'Role' || (declared === undefined && metadata.namespace) ? 'Role' : 'ClusterRole';
  const aggregationRule = readRecord(object, 'aggregationRule', 'aggregationRule', problems);
  return {
    kind,
    name: metadata.name,
    ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
    rules: readArray(object, 'rules', 'rules', problems).map((rule, index) =>
      toRbacRule(rule, index, problems),
    ),
    aggregationTargets: Object.keys(metadata.labels)
      .filter((key) => key.startsWith(AGGREGATE_PREFIX) && metadata.labels[key] === 'true')
      .map((key) => key.slice(AGGREGATE_PREFIX.length))
      .sort(),
    aggregationSelectors: readArray(
      aggregationRule,
      'clusterRoleSelectors',
      'aggregationRule.clusterRoleSelectors',
      problems,
    )
      .map(canonicalText)
      .sort(),
    problems,
  };
}

function toRbacRule(raw: unknown, index: number, problems: Problems): RbacRule {
  const where = `rules[${index}]`;
  const list = (key: string) =>
    [...new Set(readStringList(raw, key, `${where}.${key}`, problems))].sort();
  return {
    verbs: list('verbs'),
    apiGroups: list('apiGroups'),
    resources: list('resources'),
    resourceNames: list('resourceNames'),
    nonResourceURLs: list('nonResourceURLs'),
    path: toJsonPointer(['rules', index]),
    position: index + 1,
  };
}
