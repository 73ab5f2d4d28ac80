import { jsonEqual } from './json-value';
import { cidrContains, parseCidr } from './parse-cidr';
import { type PortSpec, portsCover } from './parse-port';
import { breadthRank, selectorBreadth } from './selector-breadth';
import type { EntityModel, RuleModel } from './to-rule-model';

/** How one aspect of a match changed: more matched, less matched, or not comparable (selectors). */
export interface MatchDelta {
  widened: boolean;
  narrowed: boolean;
  incomparable: boolean;
}

export type PolicyScope = 'namespaced' | 'global';

const SAME: MatchDelta = { widened: false, narrowed: false, incomparable: false };
const WIDENED: MatchDelta = { widened: true, narrowed: false, incomparable: false };
const NARROWED: MatchDelta = { widened: false, narrowed: true, incomparable: false };
const INCOMPARABLE: MatchDelta = { widened: false, narrowed: false, incomparable: true };

function mergeDeltas(deltas: readonly MatchDelta[]): MatchDelta {
  return {
    widened: deltas.some((delta) => delta.widened),
    narrowed: deltas.some((delta) => delta.narrowed),
    incomparable: deltas.some((delta) => delta.incomparable),
  };
}

/** Address and identity of one side of a rule (its ports are compared separately). */
export function compareEntityMatch(
  before: EntityModel,
  after: EntityModel,
  scope: PolicyScope,
): MatchDelta {
  return mergeDeltas([
    compareAnyOf(before.nets, after.nets, netCovers),
    compareNoneOf(before.notNets, after.notNets, netCovers),
    compareAnyOf(before.domains, after.domains, domainCovers),
    compareSelector(before.selector, after.selector),
    compareExclusion(before.notSelector, after.notSelector),
    compareSelector(
      effectiveNamespaceSelector(before.namespaceSelector, scope),
      effectiveNamespaceSelector(after.namespaceSelector, scope),
    ),
    compareServiceAccounts(before.serviceAccounts, after.serviceAccounts),
    compareExact(before.services, after.services),
  ]);
}

export function comparePorts(before: RuleModel, after: RuleModel): MatchDelta {
  return mergeDeltas([
    comparePortList(before.destination.ports, after.destination.ports),
    comparePortList(before.source.ports, after.source.ports),
    comparePortExclusions(before.destination.notPorts, after.destination.notPorts),
    comparePortExclusions(before.source.notPorts, after.source.notPorts),
  ]);
}

export function compareProtocol(before: RuleModel, after: RuleModel): MatchDelta {
  return mergeDeltas([
    compareExact(before.protocol, after.protocol),
    compareExclusion(before.notProtocol, after.notProtocol),
    compareExact(before.ipVersion, after.ipVersion),
    compareExact(before.icmp, after.icmp),
    compareExclusion(before.notICMP, after.notICMP),
    compareHttp(before.http, after.http),
  ]);
}

/**
 * Namespaced policies: an absent namespaceSelector means the policy's own namespace (kept absent);
 * global policies: it means every namespace, i.e. all().
 */
function effectiveNamespaceSelector(
  selector: string | undefined,
  scope: PolicyScope,
): string | undefined {
  if (selector !== undefined) return selector;
  return scope === 'global' ? 'all()' : undefined;
}

type Covers = (outer: string, inner: string) => boolean;

/** Any-of lists (nets, domains): empty means unrestricted. Widened when anything new is matched. */
function compareAnyOf(
  before: readonly string[],
  after: readonly string[],
  covers: Covers,
): MatchDelta {
  const coveredBy = (outer: readonly string[], inner: readonly string[]) =>
    outer.length === 0 ||
    (inner.length > 0 && inner.every((item) => outer.some((o) => covers(o, item))));
  return {
    widened: !coveredBy(before, after),
    narrowed: !coveredBy(after, before),
    incomparable: false,
  };
}

/** None-of lists (notNets): widened when an exclusion disappears. */
function compareNoneOf(
  before: readonly string[],
  after: readonly string[],
  covers: Covers,
): MatchDelta {
  const stillExcluded = (outer: readonly string[], inner: readonly string[]) =>
    inner.every((item) => outer.some((o) => covers(o, item)));
  return {
    widened: !stillExcluded(after, before),
    narrowed: !stillExcluded(before, after),
    incomparable: false,
  };
}

function comparePortList(before: readonly PortSpec[], after: readonly PortSpec[]): MatchDelta {
  return {
    widened: !portsCover(before, after),
    narrowed: !portsCover(after, before),
    incomparable: false,
  };
}

function comparePortExclusions(
  before: readonly PortSpec[],
  after: readonly PortSpec[],
): MatchDelta {
  const stillExcluded = (outer: readonly PortSpec[], inner: readonly PortSpec[]) =>
    inner.length === 0 || (outer.length > 0 && portsCover(outer, inner));
  return {
    widened: !stillExcluded(after, before),
    narrowed: !stillExcluded(before, after),
    incomparable: false,
  };
}

/** Positive selectors: absent matches anything; otherwise breadth decides, if it can. */
function compareSelector(before: string | undefined, after: string | undefined): MatchDelta {
  if (before === after) return SAME;
  if (after === undefined) return WIDENED;
  if (before === undefined) return NARROWED;
  const was = breadthRank(selectorBreadth(before));
  const now = breadthRank(selectorBreadth(after));
  if (was === undefined || now === undefined || was === now) return INCOMPARABLE;
  return now > was ? WIDENED : NARROWED;
}

/** Exclusions (notSelector, notProtocol, notICMP): dropping one matches more. */
function compareExclusion(before: unknown, after: unknown): MatchDelta {
  if (jsonEqual(before, after)) return SAME;
  if (after === undefined) return WIDENED;
  if (before === undefined) return NARROWED;
  return INCOMPARABLE;
}

/** Single-valued restrictions (protocol, ipVersion, icmp, services). */
function compareExact(before: unknown, after: unknown): MatchDelta {
  if (jsonEqual(before, after)) return SAME;
  if (after === undefined) return WIDENED;
  if (before === undefined) return NARROWED;
  return INCOMPARABLE;
}

function compareServiceAccounts(
  before: EntityModel['serviceAccounts'],
  after: EntityModel['serviceAccounts'],
): MatchDelta {
  if (jsonEqual(before, after)) return SAME;
  if (after === undefined) return WIDENED;
  if (before === undefined) return NARROWED;
  return mergeDeltas([
    compareAnyOf(before.names, after.names, (outer, inner) => outer === inner),
    compareSelector(before.selector, after.selector),
  ]);
}

function compareHttp(before: RuleModel['http'], after: RuleModel['http']): MatchDelta {
  if (jsonEqual(before, after)) return SAME;
  if (after === undefined) return WIDENED;
  if (before === undefined) return NARROWED;
  return mergeDeltas([
    compareAnyOf(before.methods, after.methods, (outer, inner) => outer === inner),
    compareAnyOf(before.paths, after.paths, pathCovers),
  ]);
}

function pathCovers(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  const prefix = outer.startsWith('prefix:') ? outer.slice('prefix:'.length) : undefined;
  return prefix !== undefined && inner.replace(/^(exact|prefix):/, '').startsWith(prefix);
}

function netCovers(outer: string, inner: string): boolean {
  const outerCidr = parseCidr(outer);
  const innerCidr = parseCidr(inner);
  if (outerCidr === undefined || innerCidr === undefined) return outer.trim() === inner.trim();
  return cidrContains(outerCidr, innerCidr);
}

/** "*.example.com" covers "api.example.com" and "*.eu.example.com". */
function domainCovers(outer: string, inner: string): boolean {
  const a = outer.toLowerCase();
  const b = inner.toLowerCase();
  return a === b || (a.startsWith('*.') && b.endsWith(a.slice(1)));
}
