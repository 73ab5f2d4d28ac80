/** Where each practice comes from: the seed documents, and the spec sections that cite Calico's docs. */
export const REFERENCES = {
  integrationTiers:
    'Seed 000, Calico Cloud AWS security-group integration: "Best practice: restrict access to integration tiers"',
  tiersAsGuardrails: 'Seed 001, Calico policy tips for EKS: tip 2, policy tiers as guardrails',
  stagedPolicies: 'Seed 001, Calico policy tips for EKS: tip 3, staged policies',
  tierRbac: 'Seed 002, Calico security model: "RBAC for Policy Management", resourceName scoping',
  tiers: 'Seed 002, Calico security model: "Policy Tiers" (defaultAction Allow, Deny, Pass)',
  wireguard: 'Seed 002, Calico security model: "WireGuard Encryption"',
  networkSets: 'Seed 002, Calico security model: "Network Sets and DNS Policies"',
  threatModel: 'Seed 002, Calico security model: "Threat Model"',
  hostEndpoints: 'Seed 002, Calico security model: GlobalNetworkPolicy "Host endpoint policy"',
  defaultDeny: 'Seed 003, Calico network policy best practices: "Implementing Default Deny"',
  allowDnsFirst: 'Seed 003, Calico network policy best practices: "Allow DNS First"',
  evaluationOrder: 'Seed 003, Calico network policy best practices: "Policy Evaluation Order"',
  broadSelectors:
    'Seed 003, Calico network policy best practices: "Common Mistakes", too-broad selectors',
  egressControl: 'Seed 003, Calico network policy best practices: "Egress Control"',
  threatFeeds: 'Seed 003, Calico network policy best practices: "Block Known Malicious IPs"',
  namespaceIsolation:
    'Seed 003, Calico network policy best practices: "Namespace Isolation Patterns"',
  forgottenEgress:
    'Seed 003, Calico network policy best practices: "Common Mistakes", forgetting egress',
  protectedAssets:
    'Calico Enterprise compliance reports: ingress/egress protected (shared/specs/audit-events.md §3.3)',
  postureBeyondPolicy:
    'Policy Ledger spec: data-plane posture beyond policy (shared/specs/audit-events.md §5.3, item 4)',
  rbacPosture: 'Policy Ledger spec: RBAC posture (shared/specs/audit-events.md §5.3, item 3)',
  directCrdWrites:
    'Policy Ledger spec: direct CRD writes bypass the v3 API (shared/specs/audit-events.md §3.6)',
  kubernetesRbacEscalation:
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
} as const;
