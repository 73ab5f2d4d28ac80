import { type Problems, readArray, readRecord, readString } from './field-readers';
import { objectKindOf } from './object-kind';
import { readMetadata } from './read-metadata';

export interface RbacSubject {
  kind: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

export interface RoleBindingModel {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  namespace?: string;
  subjects: RbacSubject[];
  roleRef?: RoleRef;
  problems: string[];
}

export function toRoleBindingModel(object: unknown): RoleBindingModel {
  const problems: Problems = [];
  const metadata = readMetadata(object, problems);
  const declared = objectKindOf(object);
  const kind =
    declared === 'RoleBinding' || (declared === undefined && metadata.namespace)
      ? 'RoleBinding'
      : 'ClusterRoleBinding';
  const roleRef = readRoleRef(object, problems);
  return {
    kind,
    name: metadata.name,
    ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
    subjects: readArray(object, 'subjects', 'subjects', problems).flatMap((subject, index) => {
      const read = readSubject(subject, `subjects[${index}]`, problems);
      return read === undefined ? [] : [read];
    }),
    ...(roleRef === undefined ? {} : { roleRef }),
    problems,
  };
}

export function subjectKey(subject: RbacSubject): string {
  return `${subject.kind}:${subject.namespace ?? ''}:${subject.name}`;
}

function readSubject(raw: unknown, where: string, problems: Problems): RbacSubject | undefined {
  const kind = readString(raw, 'kind', `${where}.kind`, problems);
  const name = readString(raw, 'name', `${where}.name`, problems);
  const namespace = readString(raw, 'namespace', `${where}.namespace`, problems);
  if (kind === undefined || name === undefined) {
    problems.push(`${where}: a subject needs kind and name`);
    return undefined;
  }
  return { kind, name, ...(namespace && kind === 'ServiceAccount' ? { namespace } : {}) };
}

function readRoleRef(object: unknown, problems: Problems): RoleRef | undefined {
  const raw = readRecord(object, 'roleRef', 'roleRef', problems);
  if (raw === undefined) {
    problems.push('roleRef: missing');
    return undefined;
  }
  return {
    apiGroup: readString(raw, 'apiGroup', 'roleRef.apiGroup', problems) ?? '',
    kind: readString(raw, 'kind', 'roleRef.kind', problems) ?? '',
    name: readString(raw, 'name', 'roleRef.name', problems) ?? '',
  };
}
