export { demoStory } from './demo-story';
export { REAL_AUDIT_SAMPLE_FILES, realAuditSampleMessages } from './real-audit-samples';
export {
  type SyntheticEventOptions,
  syntheticAuditEvent,
  syntheticGlobalNetworkPolicy,
} from './synthetic-audit-event';
export {
  TIERED_POLICY_PASSTHROUGH_BINDING,
  TIERED_POLICY_PASSTHROUGH_ROLE,
  tieredPolicyPassthroughEvents,
} from './tiered-policy-passthrough';
