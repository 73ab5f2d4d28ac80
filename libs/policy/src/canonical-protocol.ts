const NAMES = ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'] as const;
const NUMBERS: Readonly<Record<number, string>> = {
  1: 'ICMP',
  6: 'TCP',
  17: 'UDP',
  58: 'ICMPv6',
  132: 'SCTP',
  136: 'UDPLite',
};

/** Calico protocols are names or 1–255; both spellings of the same protocol compare equal. */
export function canonicalProtocol(value: string | number): string {
  const number =
    typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : undefined;
  if (number !== undefined) return NUMBERS[number] ?? String(number);
  return NAMES.find((name) => name.toLowerCase() === String(value).toLowerCase()) ?? String(value);
}
