import { describe, expect, it } from 'vitest';
import { isAnyAddressCidr, isInternetCidr, isPrivateCidr } from './is-private-cidr';
import { cidrContains, formatCidr, parseCidr } from './parse-cidr';

describe('parseCidr', () => {
  it.each([
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['192.168.1.7', '192.168.1.7/32'],
    ['2001:db8::1/32', '2001:db8:0:0:0:0:0:0/32'],
    ['::/0', '0:0:0:0:0:0:0:0/0'],
    ['::ffff:10.0.0.1/128', '0:0:0:0:0:ffff:a00:1/128'],
    ['fe80::1', 'fe80:0:0:0:0:0:0:1/128'],
  ])('reads %s as %s', (text, expected) => {
    const cidr = parseCidr(text);
    expect(cidr && formatCidr(cidr)).toBe(expected);
  });

  it.each([
    '10.0.0.0/33',
    '256.0.0.0/8',
    '10.0.0/8',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    'not-a-cidr',
    '10.0.0.0/8/1',
    '',
  ])('rejects %s', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  it.each([
    ['10.0.0.0/8', '10.20.0.0/16', true],
    ['10.20.0.0/16', '10.0.0.0/8', false],
    ['0.0.0.0/0', '8.8.8.8/32', true],
    ['::/0', '10.0.0.0/8', false],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(cidrContains(parseCidr(outer)!, parseCidr(inner)!)).toBe(expected);
  });
});

describe('private and internet ranges', () => {
  it.each([
    ['10.0.0.0/8', true],
    ['172.20.0.0/16', true],
    ['192.168.10.0/24', true],
    ['127.0.0.1', true],
    ['169.254.169.254/32', true],
    ['100.64.0.0/10', true],
    ['100.128.0.0/16', false],
    ['fd00::/8', true],
    ['fe80::/64', true],
    ['::1/128', true],
    ['10.0.0.0/7', false],
    ['0.0.0.0/0', false],
    ['::/0', false],
    ['8.8.8.8/32', false],
    ['2001:db8::/32', false],
  ])('%s is private: %s', (cidr, expected) => {
    expect(isPrivateCidr(cidr)).toBe(expected);
    expect(isInternetCidr(cidr)).toBe(!expected);
  });

  it('cannot say whether garbage is private, and counts it as the internet', () => {
    expect(isPrivateCidr('garbage')).toBeUndefined();
    expect(isInternetCidr('garbage')).toBe(true);
  });

  it.each([
    ['0.0.0.0/0', true],
    ['::/0', true],
    ['0.0.0.0/1', false],
    ['10.0.0.0/8', false],
  ])('%s is every address: %s', (cidr, expected) => {
    expect(isAnyAddressCidr(cidr)).toBe(expected);
  });
});
