import type { FelixModel } from '@policy-ledger/policy';
import { listText, sinceAndVersion } from './describe-policy';
import { evidenceOf } from './evidence-of';
import { notAssessableNote } from './not-assessable-note';
import { definePostureRule, type FindingDraft, type PostureRuleMeta } from './posture-rule';
import type { Known, Posture } from './read-posture';
import { REFERENCES } from './references';
import { unknownOfFamily } from './unknown-policies';

const META: PostureRuleMeta = {
  ruleId: 'PL-ENC-001',
  title: 'WireGuard encryption not enabled',
  severity: 'medium',
  trigger:
    'FelixConfiguration default has wireguardEnabled false or unset (Felix defaults to off), or a per-node FelixConfiguration turns it off; no FelixConfiguration at all is reported as not observable.',
  references: [REFERENCES.wireguard, REFERENCES.postureBeyondPolicy],
};

const ENABLE =
  'kubectl patch felixconfiguration default --type merge -p \'{"spec":{"wireguardEnabled":true}}\' (nodes need Linux 5.6+ or the wireguard module)';

export const wireguardRule = definePostureRule(META, (posture) => {
  const defaults = posture.felixConfigurations.find((felix) => felix.model.name === 'default');
  const unknownDefault = unknownOfFamily(posture, 'felix-configuration').filter(
    (item) => item.name === 'default',
  );
  if (defaults === undefined && unknownDefault.length > 0)
    return [notAssessableNote(META, unknownDefault, 'whether WireGuard is enabled')];
  if (defaults === undefined) return [notObservableNote(posture)];
  const nodes = posture.felixConfigurations.filter(
    (felix) => felix.model.name.startsWith('node.') && explicitWireguard(felix) === false,
  );
  return [
    ...(defaults.model.wireguardEnabled ? [] : [defaultDraft(defaults)]),
    ...(defaults.model.wireguardEnabled && nodes.length > 0 ? [nodesDraft(nodes)] : []),
  ];
});

/** A per-node FelixConfiguration inherits fields it does not set, so only an explicit value counts. */
function explicitWireguard(felix: Known<FelixModel>): boolean | undefined {
  const spec = felix.source.object?.spec;
  if (typeof spec !== 'object' || spec === null) return undefined;
  const value = (spec as Record<string, unknown>).wireguardEnabled;
  return typeof value === 'boolean' ? value : undefined;
}

function defaultDraft(felix: Known<FelixModel>): FindingDraft {
  const explicit = explicitWireguard(felix) === false;
  return {
    severity: 'medium',
    description: `FelixConfiguration default ${explicit ? 'sets wireguardEnabled: false' : 'does not set wireguardEnabled, and Felix defaults it to false'}: pod traffic between nodes crosses the network unencrypted.`,
    evidence: evidenceOf(
      [felix.source],
      `FelixConfiguration default, wireguardEnabled ${explicit ? 'false' : 'unset'}, wireguardEnabledV6 ${felix.model.wireguardEnabledV6}, ${sinceAndVersion(felix.source)}.`,
    ),
    fix: `Enable WireGuard: ${ENABLE}.`,
  };
}

function nodesDraft(nodes: readonly Known<FelixModel>[]): FindingDraft {
  const names = nodes.map((felix) => felix.model.name.slice('node.'.length));
  return {
    severity: 'medium',
    description: `WireGuard is enabled cluster-wide, but per-node FelixConfigurations turn it off on ${listText(names)}: traffic to and from those nodes is unencrypted.`,
    evidence: evidenceOf(nodes.map((felix) => felix.source)),
    fix: `Remove wireguardEnabled: false from ${listText(nodes.map((felix) => `FelixConfiguration ${felix.model.name}`))}, or document why those nodes are exempt.`,
  };
}

function notObservableNote(posture: Posture): FindingDraft {
  return {
    title: `${META.title} (not observable)`,
    severity: 'info',
    description: `No FelixConfiguration is tracked for cluster ${posture.cluster}, so whether WireGuard is enabled cannot be shown. Calico Enterprise's default audit policy does not log FelixConfiguration changes.`,
    evidence: { note: 'Searched the inventory for felixconfigurations.projectcalico.org default.' },
    fix: `Audit felixconfigurations (RequestResponse) and record the current one: kubectl get felixconfigurations -o json > snapshot.json, then policy-ledger import snapshot --cluster ${posture.cluster} snapshot.json.`,
  };
}
