/** YAML a fix can quote, after the seed documents' examples. */
export function defaultDenyYaml(systemNamespaces: readonly string[]): string {
  const excluded = systemNamespaces.map((namespace) => `'${namespace}'`).join(', ');
  return [
    'apiVersion: projectcalico.org/v3',
    'kind: GlobalNetworkPolicy',
    'metadata:',
    '  name: default-deny',
    'spec:',
    '  order: 1000',
    `  selector: projectcalico.org/namespace not in {${excluded}}`,
    '  types: [Ingress, Egress]',
  ].join('\n');
}

export const ALLOW_DNS_YAML = [
  'apiVersion: projectcalico.org/v3',
  'kind: GlobalNetworkPolicy',
  'metadata:',
  '  name: allow-dns',
  'spec:',
  '  order: 100',
  '  selector: all()',
  '  types: [Egress]',
  '  egress:',
  '    - action: Allow',
  '      protocol: UDP',
  "      destination: {selector: k8s-app == 'kube-dns', namespaceSelector: projectcalico.org/name == 'kube-system', ports: [53]}",
  '    - action: Allow',
  '      protocol: TCP',
  "      destination: {selector: k8s-app == 'kube-dns', namespaceSelector: projectcalico.org/name == 'kube-system', ports: [53]}",
].join('\n');

export function namespaceIsolationYaml(tenantSelector: string | undefined): string {
  return [
    'apiVersion: projectcalico.org/v3',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: namespace-isolation',
    '  namespace: <tenant namespace>',
    'spec:',
    '  order: 500',
    '  selector: all()',
    '  types: [Ingress]',
    '  ingress:',
    '    - action: Allow',
    '      source: {selector: all()}',
    ...(tenantSelector === undefined
      ? []
      : [`# or one GlobalNetworkPolicy with namespaceSelector: ${tenantSelector}`]),
  ].join('\n');
}

export function blockThreatFeedYaml(selector: string): string {
  return [
    'apiVersion: projectcalico.org/v3',
    'kind: GlobalNetworkPolicy',
    'metadata:',
    '  name: block-threat-feeds',
    'spec:',
    '  order: 50',
    '  selector: all()',
    '  types: [Egress]',
    '  egress:',
    '    - action: Deny',
    `      destination: {selector: ${selector}}`,
  ].join('\n');
}
