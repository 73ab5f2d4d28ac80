import { describe, expect, it } from 'vitest';
import { runRule, severitiesOf } from './testing/run-rule';
import {
  calico,
  felixWireguardOff,
  felixWireguardOn,
  trackedUnknown,
} from './testing/synthetic-inventory';
import { wireguardRule } from './wireguard-rule';

describe('PL-ENC-001 WireGuard not enabled', () => {
  it.each([
    ['enabled in FelixConfiguration default', [felixWireguardOn], []],
    ['explicitly false', [felixWireguardOff], ['medium']],
    [
      'unset: Felix defaults to false',
      [calico('FelixConfiguration', 'default', { bpfEnabled: true })],
      ['medium'],
    ],
    ['no FelixConfiguration tracked: not observable', [], ['info']],
    [
      'FelixConfiguration default of unknown state',
      [trackedUnknown('FelixConfiguration', 'projectcalico.org', 'default')],
      ['info'],
    ],
    [
      'enabled by default, turned off on one node',
      [
        felixWireguardOn,
        calico('FelixConfiguration', 'node.worker-2', { wireguardEnabled: false }),
      ],
      ['medium'],
    ],
    [
      'a node override that does not touch WireGuard',
      [
        felixWireguardOn,
        calico('FelixConfiguration', 'node.worker-2', { logSeverityScreen: 'Debug' }),
      ],
      [],
    ],
  ])('%s', (_name, objects, expected: string[]) => {
    expect(severitiesOf(runRule(wireguardRule, objects))).toEqual(expected);
  });

  it('tells an explicit false from an unset field', () => {
    const [explicit] = runRule(wireguardRule, [felixWireguardOff]);
    const [unset] = runRule(wireguardRule, [calico('FelixConfiguration', 'default', {})]);
    expect(explicit?.description).toContain('sets wireguardEnabled: false');
    expect(unset?.description).toContain(
      'does not set wireguardEnabled, and Felix defaults it to false',
    );
  });
});
