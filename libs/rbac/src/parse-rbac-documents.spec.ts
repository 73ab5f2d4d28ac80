import { describe, expect, it } from 'vitest';
import { parseRbacDocuments } from './parse-rbac-documents';

const role = { kind: 'Role', metadata: { name: 'r', namespace: 'ns' }, rules: [] };
const tier = { kind: 'Tier', metadata: { name: 't1' } };

describe('parseRbacDocuments', () => {
  it.each([
    ['a kubectl List', JSON.stringify({ kind: 'List', items: [role, tier] }), [role, tier]],
    ['a typed list (RoleList)', JSON.stringify({ kind: 'RoleList', items: [role] }), [role]],
    ['a JSON array', JSON.stringify([role, tier]), [role, tier]],
    ['a single object', JSON.stringify(role), [role]],
    [
      'an array holding a List',
      JSON.stringify([{ kind: 'List', items: [role] }, tier]),
      [role, tier],
    ],
    [
      'multi-document YAML, empty documents skipped',
      'kind: Role\nmetadata: {name: r, namespace: ns}\nrules: []\n---\n---\nkind: Tier\nmetadata: {name: t1}\n',
      [role, tier],
    ],
  ])('reads %s', (_name, text, expected) => {
    expect(parseRbacDocuments(text)).toEqual(expected);
  });

  it.each([
    ['empty text', '  \n', /no documents/],
    ['truncated JSON', '{"kind": "List", "items": [', /^invalid JSON/],
    ['broken YAML', 'kind: Role\n  metadata: [x\n', /^invalid YAML in document 1/],
    ['a scalar document', '42', /document 1: expected an object/],
    ['only empty YAML documents', '---\n---\n', /no documents/],
  ])('throws a descriptive error for %s', (_name, text, message) => {
    expect(() => parseRbacDocuments(text)).toThrow(message);
  });
});
