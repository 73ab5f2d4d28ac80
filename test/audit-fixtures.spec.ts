import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const folder = path.join(__dirname, 'fixtures', 'k8s-audit');
const readme = readFileSync(path.join(folder, 'README.md'), 'utf8');
const recorded = [...readme.matchAll(/^([0-9a-f]{64}) {2}(\S+)$/gm)].map((m) => ({
  sha256: m[1]!,
  file: m[2]!,
}));

describe('the real audit samples', () => {
  it('are listed with their SHA-256 in the provenance README', () => {
    expect(recorded.map((r) => r.file).sort()).toEqual([
      'audit2rbac-demo-v1.jsonl',
      'audit2rbac-demo-v1beta1-rbac-excerpt.jsonl',
      'falco-create-clusterrolebinding-cluster-admin.json',
      'falco-delete-clusterrolebinding.json',
      'falco-delete-namespace.json',
      'falco-patch-clusterrole.json',
    ]);
  });

  it.each(recorded)('$file is byte-for-byte the recorded upstream copy', ({ file, sha256 }) => {
    expect(
      createHash('sha256')
        .update(readFileSync(path.join(folder, file)))
        .digest('hex'),
    ).toBe(sha256);
  });
});
