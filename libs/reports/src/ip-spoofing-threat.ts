import { sinceAndVersion } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { felixDefaultOf, felixSpecField } from './felix-default';
import type { ThreatRow } from './report-model';
import type { ThreatContext, ThreatStatus } from './threat-context';

/**
 * Felix enforces each pod's source address with per-endpoint routes and rp_filter on its veth;
 * audit events show configuration only, so the one visible signal is workloadSourceSpoofing: Any.
 */
export function assessIpSpoofing(context: ThreatContext): ThreatRow {
  const felix = felixDefaultOf(context.posture);
  const spoofing =
    felix.state === 'known' ? felixSpecField(felix.felix, 'workloadSourceSpoofing') : undefined;
  const status: ThreatStatus = spoofing === 'Any' ? 'not-mitigated' : 'not-observable';
  const evidence =
    felix.state === 'known'
      ? [
          `FelixConfiguration default, workloadSourceSpoofing ${typeof spoofing === 'string' ? spoofing : 'unset (Felix default: Disabled)'}, ${sinceAndVersion(felix.felix.source)}`,
        ]
      : [
          felix.state === 'unknown'
            ? 'FelixConfiguration default is tracked, but its state is unknown.'
            : 'No FelixConfiguration is tracked.',
        ];
  return {
    threat: 'Pod impersonation / IP spoofing',
    expectedMitigation: 'Felix programs per-endpoint routes and rp-filter on veth interfaces',
    evidence,
    evidenceRefs: evidenceOf(
      felix.state === 'known'
        ? [felix.felix.source]
        : felix.state === 'unknown'
          ? [felix.source]
          : [],
    ),
    status,
    why:
      status === 'not-mitigated'
        ? 'FelixConfiguration default sets workloadSourceSpoofing: Any, so any pod annotated with cni.projectcalico.org/allowedSourcePrefixes may send traffic from addresses that are not its own.'
        : 'Felix enforces source addresses in the data plane (per-endpoint routes and rp_filter on each veth); audit events record configuration, not data-plane state, so only a setting that turns the check off would be visible, and none is.',
    recommendation:
      status === 'not-mitigated'
        ? 'Set workloadSourceSpoofing back to Disabled (kubectl patch felixconfiguration default --type merge -p \'{"spec":{"workloadSourceSpoofing":"Disabled"}}\') unless a named workload needs it, and then restrict the annotation by admission policy.'
        : 'Keep workloadSourceSpoofing unset or Disabled and audit FelixConfiguration changes; verify rp_filter on nodes with a periodic node check, outside this ledger.',
  };
}
