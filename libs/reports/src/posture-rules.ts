import { broadAllowRule } from './broad-allow-rule';
import { broadTierEditorsRule } from './broad-tier-editors-rule';
import { directCrdWritesRule } from './direct-crd-writes-rule';
import { dnsBeforeDefaultDenyRule } from './dns-before-default-deny-rule';
import { escalationVerbsRule } from './escalation-verbs-rule';
import { failOpenTierRule } from './fail-open-tier-rule';
import { integrationTierEditorsRule } from './integration-tier-editors-rule';
import { internetEgressRule } from './internet-egress-rule';
import { namespacePolicyCoverageRule } from './namespace-policy-coverage-rule';
import { noDefaultDenyRule } from './no-default-deny-rule';
import { partialDefaultDenyRule } from './partial-default-deny-rule';
import type { PostureRule } from './posture-rule';
import { shadowedDenyRule } from './shadowed-deny-rule';
import { staleStagedPolicyRule } from './stale-staged-policy-rule';
import { tenantIsolationRule } from './tenant-isolation-rule';
import { threatFeedRule } from './threat-feed-rule';
import { unprotectedHostEndpointRule } from './unprotected-host-endpoint-rule';
import { wildcardRbacRule } from './wildcard-rbac-rule';
import { wireguardRule } from './wireguard-rule';

/** Every best-practice rule, in rule-id order. */
export const POSTURE_RULES: readonly PostureRule[] = [
  noDefaultDenyRule,
  partialDefaultDenyRule,
  dnsBeforeDefaultDenyRule,
  broadAllowRule,
  shadowedDenyRule,
  namespacePolicyCoverageRule,
  internetEgressRule,
  tenantIsolationRule,
  threatFeedRule,
  staleStagedPolicyRule,
  failOpenTierRule,
  unprotectedHostEndpointRule,
  wildcardRbacRule,
  escalationVerbsRule,
  broadTierEditorsRule,
  integrationTierEditorsRule,
  directCrdWritesRule,
  wireguardRule,
];
