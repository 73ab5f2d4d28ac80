import type { Problems } from './field-readers';
import { readMetadata } from './read-metadata';

export interface NamespaceModel {
  name: string;
  /** They feed namespaceSelectors (`projectcalico.org/name`, `kubernetes.io/metadata.name`, custom). */
  labels: Readonly<Record<string, string>>;
  problems: string[];
}

export function toNamespaceModel(object: unknown): NamespaceModel {
  const problems: Problems = [];
  const { name, labels } = readMetadata(object, problems);
  return { name, labels, problems };
}
