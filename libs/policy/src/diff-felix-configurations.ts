import { listText } from './describe-rule';
import type { Risk, SemanticChange } from './semantic-change';
import type { EndpointToHostAction, FelixModel } from './to-felix-model';

/** Created and deleted configurations are compared with Felix's defaults, which is what applies then. */
export function diffFelixConfigurations(before: FelixModel, after: FelixModel): SemanticChange[] {
  return [
    ...diffWireguard(before, after, 'wireguardEnabled', 'IPv4'),
    ...diffWireguard(before, after, 'wireguardEnabledV6', 'IPv6'),
    ...diffBpf(before, after),
    ...diffHostAction(before, after),
    ...diffFailsafe(before, after, 'failsafeInboundHostPorts', 'inbound'),
    ...diffFailsafe(before, after, 'failsafeOutboundHostPorts', 'outbound'),
  ];
}

function diffWireguard(
  before: FelixModel,
  after: FelixModel,
  key: 'wireguardEnabled' | 'wireguardEnabledV6',
  family: string,
): SemanticChange[] {
  if (before[key] === after[key]) return [];
  const where = `FelixConfiguration ${after.name}`;
  return [
    after[key]
      ? {
          type: 'wireguard-enabled',
          risk: 'low',
          summary: `WireGuard (${family}) enabled in ${where}: node-to-node pod traffic is encrypted`,
          path: `/spec/${key}`,
          details: { family },
        }
      : {
          type: 'wireguard-disabled',
          risk: 'high',
          summary: `WireGuard (${family}) disabled in ${where}: node-to-node pod traffic is no longer encrypted`,
          path: `/spec/${key}`,
          details: { family },
        },
  ];
}

function diffBpf(before: FelixModel, after: FelixModel): SemanticChange[] {
  if (before.bpfEnabled === after.bpfEnabled) return [];
  return [
    {
      type: 'bpf-toggled',
      risk: 'medium',
      summary: `eBPF data plane ${after.bpfEnabled ? 'enabled' : 'disabled'} in FelixConfiguration ${after.name}`,
      path: '/spec/bpfEnabled',
      details: { from: before.bpfEnabled, to: after.bpfEnabled },
    },
  ];
}

/** Accept lets workloads reach their own host whatever the host endpoint policy says. */
function hostActionRisk(action: EndpointToHostAction): Risk {
  switch (action) {
    case 'Accept':
      return 'high';
    case 'Return':
      return 'medium';
    case 'Drop':
      return 'low';
    default: {
      const unhandled: never = action;
      return unhandled;
    }
  }
}

function diffHostAction(before: FelixModel, after: FelixModel): SemanticChange[] {
  if (before.defaultEndpointToHostAction === after.defaultEndpointToHostAction) return [];
  return [
    {
      type: 'felix-setting-changed',
      risk: hostActionRisk(after.defaultEndpointToHostAction),
      summary: `Default endpoint-to-host action changed ${before.defaultEndpointToHostAction} → ${after.defaultEndpointToHostAction}`,
      path: '/spec/defaultEndpointToHostAction',
      details: { from: before.defaultEndpointToHostAction, to: after.defaultEndpointToHostAction },
    },
  ];
}

/** Failsafe ports stay open whatever the host endpoint policy says: more of them is more exposure. */
function diffFailsafe(
  before: FelixModel,
  after: FelixModel,
  key: 'failsafeInboundHostPorts' | 'failsafeOutboundHostPorts',
  direction: string,
): SemanticChange[] {
  const was = before[key];
  const now = after[key];
  if (JSON.stringify(was) === JSON.stringify(now)) return [];
  const describe = (ports: string[] | undefined) =>
    ports === undefined ? "Calico's defaults" : ports.length === 0 ? 'none' : listText(ports);
  const added = now === undefined ? [] : now.filter((port) => !(was ?? []).includes(port));
  const widened = now !== undefined && (was === undefined ? now.length > 0 : added.length > 0);
  return [
    {
      type: 'felix-setting-changed',
      risk: widened ? 'medium' : 'low',
      summary: `Failsafe ${direction} host ports now ${describe(now)} (was ${describe(was)})`,
      path: `/spec/${key}`,
      details: { from: was ?? null, to: now ?? null },
    },
  ];
}
