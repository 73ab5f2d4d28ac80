import { describeLabelChanges, hasLabelChanges, labelChanges } from './describe-labels';
import { listText } from './describe-rule';
import type { SemanticChange } from './semantic-change';
import type { HostEndpointModel } from './to-host-endpoint-model';

/** Calico's built-in profile that allows all traffic. */
const ALLOW_ALL_PROFILE = 'projectcalico-default-allow';

function describeInterface(endpoint: HostEndpointModel): string {
  if (endpoint.allInterfaces) return 'all interfaces (*)';
  return endpoint.interfaceName === undefined
    ? 'no interface (expectedIPs only)'
    : `interface ${endpoint.interfaceName}`;
}

export function hostEndpointCreated(endpoint: HostEndpointModel): SemanticChange {
  const opensUp = endpoint.profiles.includes(ALLOW_ALL_PROFILE);
  return {
    type: 'object-created',
    risk: opensUp ? 'high' : endpoint.allInterfaces ? 'medium' : 'low',
    summary: `HostEndpoint ${endpoint.name} created on node ${endpoint.node ?? '?'} for ${describeInterface(endpoint)}${opensUp ? `, with profile ${ALLOW_ALL_PROFILE}` : ''}`,
    details: {
      node: endpoint.node ?? null,
      interfaceName: endpoint.interfaceName ?? null,
      profiles: endpoint.profiles,
    },
  };
}

export function hostEndpointDeleted(endpoint: HostEndpointModel): SemanticChange {
  return {
    type: 'object-deleted',
    risk: 'medium',
    summary: `HostEndpoint ${endpoint.name} deleted: host policy no longer protects node ${endpoint.node ?? '?'} ${describeInterface(endpoint)}`,
    details: { node: endpoint.node ?? null, interfaceName: endpoint.interfaceName ?? null },
  };
}

export function diffHostEndpoints(
  before: HostEndpointModel,
  after: HostEndpointModel,
): SemanticChange[] {
  const changes: SemanticChange[] = [];
  if (before.interfaceName !== after.interfaceName) {
    changes.push({
      type: 'host-interface-changed',
      risk: after.allInterfaces ? 'medium' : 'low',
      summary: `Host endpoint now covers ${describeInterface(after)} (was ${describeInterface(before)})${after.allInterfaces ? ': all host traffic' : ''}`,
      path: '/spec/interfaceName',
      details: { from: before.interfaceName ?? null, to: after.interfaceName ?? null },
    });
  }
  if (before.node !== after.node) {
    changes.push({
      type: 'node-changed',
      risk: 'low',
      summary: `Host endpoint moved from node ${before.node ?? '?'} to node ${after.node ?? '?'}`,
      path: '/spec/node',
      details: { from: before.node ?? null, to: after.node ?? null },
    });
  }
  changes.push(
    ...diffList(
      'expected-ips-changed',
      'Expected IPs',
      '/spec/expectedIPs',
      before.expectedIPs,
      after.expectedIPs,
    ),
  );
  changes.push(
    ...diffList('profiles-changed', 'Profiles', '/spec/profiles', before.profiles, after.profiles),
  );
  changes.push(
    ...diffList('host-ports-changed', 'Named ports', '/spec/ports', before.ports, after.ports),
  );
  const labels = labelChanges(before.labels, after.labels);
  if (hasLabelChanges(labels)) {
    changes.push({
      type: 'labels-changed',
      risk: 'medium',
      summary: `Labels of host endpoint ${after.name} changed (policy selectors match on them): ${describeLabelChanges(labels)}`,
      path: '/metadata/labels',
      details: { ...labels },
    });
  }
  return changes;
}

type ListChange = 'expected-ips-changed' | 'profiles-changed' | 'host-ports-changed';

/** Expected IPs feed selector matching and profiles carry rules: both change what is allowed. */
function diffList(
  type: ListChange,
  label: string,
  path: string,
  before: readonly string[],
  after: readonly string[],
): SemanticChange[] {
  const added = after.filter((item) => !before.includes(item));
  const removed = before.filter((item) => !after.includes(item));
  if (added.length === 0 && removed.length === 0) return [];
  const parts = [
    added.length > 0 ? `added ${listText(added)}` : undefined,
    removed.length > 0 ? `removed ${listText(removed)}` : undefined,
  ].filter((part) => part !== undefined);
  return [
    {
      type,
      risk: listChangeRisk(type, added),
      summary: `${label} changed: ${parts.join('; ')}`,
      path,
      details: { added, removed },
    },
  ];
}

function listChangeRisk(type: ListChange, added: readonly string[]): 'low' | 'medium' | 'high' {
  switch (type) {
    case 'profiles-changed':
      return added.includes(ALLOW_ALL_PROFILE) ? 'high' : 'medium';
    case 'expected-ips-changed':
      return 'medium';
    case 'host-ports-changed':
      return 'low';
    default: {
      const unhandled: never = type;
      return unhandled;
    }
  }
}
