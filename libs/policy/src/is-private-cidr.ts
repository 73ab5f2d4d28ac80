import { type Cidr, cidrContains, parseCidr } from './parse-cidr';

/** RFC 1918, loopback, link-local, CGNAT (RFC 6598) and IPv6 loopback, link-local and ULA. */
const PRIVATE_RANGES: readonly Cidr[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '100.64.0.0/10',
  '::1/128',
  'fe80::/10',
  'fc00::/7',
].map((text) => parseCidr(text) as Cidr);

/** True when the whole CIDR lies in private space; undefined when it cannot be parsed. */
export function isPrivateCidr(text: string): boolean | undefined {
  const cidr = parseCidr(text);
  if (cidr === undefined) return undefined;
  return PRIVATE_RANGES.some((range) => cidrContains(range, cidr));
}

/** "The internet": a CIDR reaching any non-private address. Unparsable CIDRs count, to stay safe. */
export function isInternetCidr(text: string): boolean {
  return isPrivateCidr(text) !== true;
}

/** 0.0.0.0/0 or ::/0: every address of a family. */
export function isAnyAddressCidr(text: string): boolean {
  return parseCidr(text)?.prefix === 0;
}
