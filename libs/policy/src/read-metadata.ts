import { type Problems, readRecord, readString, readStringMap } from './field-readers';
import { isJsonObject } from './json-value';

export interface ObjectMetadata {
  name: string;
  namespace?: string;
  labels: Readonly<Record<string, string>>;
}

export function readMetadata(object: unknown, problems: Problems): ObjectMetadata {
  if (!isJsonObject(object)) {
    problems.push(
      `object: expected a JSON object, got ${object === null ? 'null' : typeof object}`,
    );
    return { name: '', labels: {} };
  }
  const metadata = readRecord(object, 'metadata', 'metadata', problems);
  const name = readString(metadata, 'name', 'metadata.name', problems);
  if (name === undefined) problems.push('metadata.name: missing');
  const namespace = readString(metadata, 'namespace', 'metadata.namespace', problems);
  return {
    name: name ?? '',
    ...(namespace === undefined || namespace === '' ? {} : { namespace }),
    labels: readStringMap(metadata, 'labels', 'metadata.labels', problems),
  };
}
