import { listText, sinceAndVersion } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { felixDefaultOf, felixSpecField } from './felix-default';
import type { ThreatRow } from './report-model';
import type { ThreatContext, ThreatStatus } from './threat-context';

export function assessUnencryptedTraffic(context: ThreatContext): ThreatRow {
  const felix = felixDefaultOf(context.posture);
  const exempt = context.posture.felixConfigurations.filter(
    (known) =>
      known.model.name.startsWith('node.') && felixSpecField(known, 'wireguardEnabled') === false,
  );
  const status = statusOf(
    felix.state === 'known' ? felix.felix.model.wireguardEnabled : undefined,
    exempt.length,
  );
  const evidence =
    felix.state === 'known'
      ? [
          `FelixConfiguration default, wireguardEnabled ${String(felixSpecField(felix.felix, 'wireguardEnabled') ?? 'unset (Felix default: false)')}, wireguardEnabledV6 ${felix.felix.model.wireguardEnabledV6}, ${sinceAndVersion(felix.felix.source)}`,
          ...exempt.map(
            (known) =>
              `FelixConfiguration ${known.model.name}, wireguardEnabled false, ${sinceAndVersion(known.source)}`,
          ),
        ]
      : [
          felix.state === 'unknown'
            ? 'FelixConfiguration default is tracked, but its state is unknown.'
            : 'No FelixConfiguration is tracked.',
        ];
  return {
    threat: 'Unencrypted inter-node traffic',
    expectedMitigation: 'WireGuard encryption',
    evidence,
    evidenceRefs: evidenceOf([
      ...(felix.state === 'known'
        ? [felix.felix.source]
        : felix.state === 'unknown'
          ? [felix.source]
          : []),
      ...exempt.map((known) => known.source),
    ]),
    status,
    why: whyOf(
      status,
      exempt.map((known) => known.model.name.slice('node.'.length)),
    ),
    recommendation:
      status === 'mitigated'
        ? "Keep WireGuard on and audit FelixConfiguration changes (Calico Enterprise's default audit policy does not)."
        : 'Enable WireGuard cluster-wide: kubectl patch felixconfiguration default --type merge -p \'{"spec":{"wireguardEnabled":true}}\' (Linux 5.6+ or the wireguard module on every node), and remove per-node exemptions.',
  };
}

function statusOf(enabled: boolean | undefined, exemptions: number): ThreatStatus {
  if (enabled === undefined) return 'not-observable';
  if (!enabled) return 'not-mitigated';
  return exemptions > 0 ? 'partial' : 'mitigated';
}

function whyOf(status: ThreatStatus, exemptNodes: readonly string[]): string {
  switch (status) {
    case 'mitigated':
      return 'FelixConfiguration default enables WireGuard and no node opts out: pod traffic between nodes is encrypted (whether every node has the kernel module is a data-plane fact the trail cannot show).';
    case 'partial':
      return `WireGuard is on by default but off on ${listText(exemptNodes)}.`;
    case 'not-mitigated':
      return 'FelixConfiguration default leaves WireGuard off (unset means false): pod traffic crosses the node network in clear.';
    case 'not-observable':
      return 'FelixConfiguration default is not tracked (or its state is unknown), and an absent setting is not evidence of either state.';
    default: {
      const unhandled: never = status;
      return unhandled;
    }
  }
}
