import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REAL_AUDIT_SAMPLE_FILES = [
  'audit2rbac-demo-v1.jsonl',
  'audit2rbac-demo-v1beta1-rbac-excerpt.jsonl',
  'falco-create-clusterrolebinding-cluster-admin.json',
  'falco-delete-clusterrolebinding.json',
  'falco-delete-namespace.json',
  'falco-patch-clusterrole.json',
] as const;

/**
 * The real audit samples in test/fixtures/k8s-audit (byte-exact upstream copies), as a log
 * shipper would send them: one message per JSON line, one per JSON file.
 */
export function realAuditSampleMessages(rootDir: string): string[] {
  const folder = path.join(rootDir, 'test', 'fixtures', 'k8s-audit');
  return REAL_AUDIT_SAMPLE_FILES.flatMap((file) => {
    const text = readFileSync(path.join(folder, file), 'utf8');
    return file.endsWith('.jsonl') ? text.split('\n').filter((line) => line.trim() !== '') : [text];
  });
}
