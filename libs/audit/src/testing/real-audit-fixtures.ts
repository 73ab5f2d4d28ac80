import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The real, third-party audit samples, byte-exact copies kept in the repository (see their README). */
export const REAL_AUDIT_FIXTURES_DIR = path.resolve(
  __dirname,
  '../../../../test/fixtures/k8s-audit',
);

export type RealAuditFixture =
  | 'audit2rbac-demo-v1.jsonl'
  | 'audit2rbac-demo-v1beta1-rbac-excerpt.jsonl'
  | 'falco-create-clusterrolebinding-cluster-admin.json'
  | 'falco-delete-clusterrolebinding.json'
  | 'falco-delete-namespace.json'
  | 'falco-patch-clusterrole.json';

/** A real sample's bytes exactly as committed. */
export function readRealAuditFixture(name: RealAuditFixture): Buffer {
  return readFileSync(path.join(REAL_AUDIT_FIXTURES_DIR, name));
}
