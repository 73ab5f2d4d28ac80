import { describeLabelChanges, hasLabelChanges, labelChanges } from './describe-labels';
import { listText } from './describe-rule';
import { isAnyAddressCidr, isInternetCidr } from './is-private-cidr';
import type { Risk, SemanticChange } from './semantic-change';
import type { NetworkSetModel } from './to-network-set-model';

const THREAT_WORDS =
  /threat|feed|malicious|blocklist|block-list|denylist|deny-list|known-bad|bad-ips/i;

/**
 * A set that looks like a threat feed (by name or labels) is used by Deny rules: losing entries
 * there lets known-bad addresses through, while adding entries only blocks more.
 */
export function isThreatFeedSet(set: NetworkSetModel): boolean {
  return THREAT_WORDS.test(set.name) || hasThreatLabel(set.labels);
}

function hasThreatLabel(labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(labels).some(
    ([key, value]) => THREAT_WORDS.test(key) || THREAT_WORDS.test(value),
  );
}

/** Created and deleted sets are compared with an empty set of the same name. */
export function diffNetworkSets(
  before: NetworkSetModel,
  after: NetworkSetModel,
  compareLabels: boolean,
): SemanticChange[] {
  const threat = isThreatFeedSet(before) || isThreatFeedSet(after);
  const where = `${after.kind} ${after.name}`;
  const changes: SemanticChange[] = [];
  const netsAdded = after.nets.filter((net) => !before.nets.includes(net));
  const netsRemoved = before.nets.filter((net) => !after.nets.includes(net));
  const domainsAdded = after.domains.filter((domain) => !before.domains.includes(domain));
  const domainsRemoved = before.domains.filter((domain) => !after.domains.includes(domain));
  if (netsAdded.length > 0) {
    changes.push({
      type: 'nets-added',
      risk: threat ? 'low' : addedNetsRisk(netsAdded),
      summary: `${where} gained ${count(netsAdded, 'net')}: ${listText(netsAdded)}`,
      path: '/spec/nets',
      details: { nets: netsAdded },
    });
  }
  if (netsRemoved.length > 0) {
    changes.push({
      type: 'nets-removed',
      risk: threat ? 'high' : 'low',
      summary: `${threat ? 'Threat-feed set ' : ''}${where} lost ${count(netsRemoved, 'net')}: ${listText(netsRemoved)}`,
      path: '/spec/nets',
      details: { nets: netsRemoved },
    });
  }
  if (domainsAdded.length > 0) {
    changes.push({
      type: 'domains-added',
      risk: threat ? 'low' : 'medium',
      summary: `${where} gained ${count(domainsAdded, 'domain')}: ${listText(domainsAdded)}`,
      path: '/spec/allowedEgressDomains',
      details: { domains: domainsAdded },
    });
  }
  if (domainsRemoved.length > 0) {
    changes.push({
      type: 'domains-removed',
      risk: threat ? 'high' : 'low',
      summary: `${where} lost ${count(domainsRemoved, 'domain')}: ${listText(domainsRemoved)}`,
      path: '/spec/allowedEgressDomains',
      details: { domains: domainsRemoved },
    });
  }
  return compareLabels ? [...changes, ...diffSetLabels(before, after)] : changes;
}

function count(items: readonly string[], noun: string): string {
  return `${items.length} ${noun}${items.length === 1 ? '' : 's'}`;
}

/** Rules that allow to this set now allow to these nets too. */
function addedNetsRisk(nets: readonly string[]): Risk {
  if (nets.some(isAnyAddressCidr)) return 'high';
  return nets.some(isInternetCidr) ? 'medium' : 'low';
}

/** Rule selectors match sets by label: a set losing its threat label drops out of the Deny rules. */
function diffSetLabels(before: NetworkSetModel, after: NetworkSetModel): SemanticChange[] {
  const changes = labelChanges(before.labels, after.labels);
  if (!hasLabelChanges(changes)) return [];
  const leftThreatFeed = hasThreatLabel(before.labels) && !hasThreatLabel(after.labels);
  return [
    {
      type: 'labels-changed',
      risk: leftThreatFeed ? 'high' : 'medium',
      summary: `Labels of ${after.kind} ${after.name} changed (rule selectors match on them): ${describeLabelChanges(changes)}`,
      path: '/metadata/labels',
      details: { ...changes },
    },
  ];
}
