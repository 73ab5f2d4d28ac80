import { type Problems, readRecord, readStringList } from './field-readers';
import { objectKindOf } from './object-kind';
import { readMetadata } from './read-metadata';

export interface NetworkSetModel {
  kind: 'NetworkSet' | 'GlobalNetworkSet';
  name: string;
  namespace?: string;
  nets: string[];
  /** allowedEgressDomains (Calico Enterprise; honoured only by egress Allow rules). */
  domains: string[];
  /** Rule selectors match network sets by these. */
  labels: Readonly<Record<string, string>>;
  problems: string[];
}

export function toNetworkSetModel(object: unknown): NetworkSetModel {
  const problems: Problems = [];
  const metadata = readMetadata(object, problems);
  const spec = readRecord(object, 'spec', 'spec', problems);
  const declared = objectKindOf(object);
  const kind =
    declared === 'NetworkSet' || (declared === undefined && metadata.namespace)
      ? 'NetworkSet'
      : 'GlobalNetworkSet';
  return {
    kind,
    name: metadata.name,
    ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
    nets: sortedUnique(readStringList(spec, 'nets', 'spec.nets', problems)),
    domains: sortedUnique(
      readStringList(spec, 'allowedEgressDomains', 'spec.allowedEgressDomains', problems),
    ),
    labels: metadata.labels,
    problems,
  };
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()))].sort();
}
