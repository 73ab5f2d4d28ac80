import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error';
import {
  canICommand,
  type RbacCliIo,
  registerRbacCommands,
  tierEditorsCommand,
  whoCanCommand,
} from './rbac.command';

// Synthetic RBAC export: the passthrough, one tier admin bound cluster-wide to alice.
const SYNTHETIC_LIST = JSON.stringify({
  apiVersion: 'v1',
  kind: 'List',
  items: [
    {
      kind: 'ClusterRole',
      metadata: { name: 'passthrough' },
      rules: [
        {
          verbs: ['*'],
          apiGroups: ['projectcalico.org'],
          resources: ['networkpolicies', 'globalnetworkpolicies'],
        },
      ],
    },
    {
      kind: 'ClusterRoleBinding',
      metadata: { name: 'passthrough' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'passthrough' },
      subjects: [
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:authenticated' },
      ],
    },
    {
      kind: 'ClusterRole',
      metadata: { name: 't1-admin' },
      rules: [
        {
          verbs: ['get'],
          apiGroups: ['projectcalico.org'],
          resources: ['tiers'],
          resourceNames: ['t1'],
        },
        {
          verbs: ['*'],
          apiGroups: ['projectcalico.org'],
          resources: ['tier.networkpolicies'],
          resourceNames: ['t1.*'],
        },
      ],
    },
    {
      kind: 'ClusterRoleBinding',
      metadata: { name: 'alice-t1' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 't1-admin' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
    },
    {
      apiVersion: 'projectcalico.org/v3',
      kind: 'Tier',
      metadata: { name: 't1' },
      spec: { order: 100 },
    },
  ],
});

const SYNTHETIC_YAML = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: np-editor}
rules:
- {verbs: [update], apiGroups: [networking.k8s.io], resources: [networkpolicies]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: bob, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: np-editor}
subjects:
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: bob}
`;

function io(files: Record<string, string>): RbacCliIo & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
    print: (line) => lines.push(line),
  };
}

const update = {
  verb: 'update',
  resource: 'networkpolicies.projectcalico.org',
  tier: 't1',
  namespace: 'ns1',
  name: 'p1',
};

describe('policy-ledger rbac can-i', () => {
  it.each([
    ['alice, the tier admin', 'alice', true, /^ALLOWED: alice can update/],
    ['bob, who cannot get the tier', 'bob', false, /^DENIED: bob cannot update/],
  ])('explains the answer for %s', async (_name, user, allowed, headline) => {
    const cli = io({ 'rbac.json': SYNTHETIC_LIST });
    await canICommand({ rbac: 'rbac.json', user, ...update }, cli);
    expect(cli.lines[0]).toMatch(headline);
    expect(cli.lines.some((line) => line.includes('(user cannot get tier)'))).toBe(!allowed);
  });

  it('prints the answer as JSON with --json', async () => {
    const cli = io({ 'rbac.json': SYNTHETIC_LIST });
    await canICommand({ rbac: 'rbac.json', user: 'alice', json: true, ...update }, cli);
    const answer = JSON.parse(cli.lines.join('\n'));
    expect(answer.allowed).toBe(true);
    expect(answer.checks.tierGet.via[0].binding.name).toBe('alice-t1');
    const chains = answer.via.map(
      (g: { binding: { name: string }; rule: { index: number } }) =>
        `${g.binding.name}#${g.rule.index}`,
    );
    expect(chains.sort()).toEqual(['alice-t1#0', 'alice-t1#1', 'passthrough#0']);
  });

  it('reads multi-document YAML and repeated --group', async () => {
    const cli = io({ 'rbac.yaml': SYNTHETIC_YAML });
    await canICommand(
      {
        rbac: 'rbac.yaml',
        user: 'bob',
        group: ['devs', 'ops'],
        verb: 'update',
        resource: 'networkpolicies.networking.k8s.io',
        namespace: 'team-a',
        name: 'allow-dns',
        json: true,
      },
      cli,
    );
    const answer = JSON.parse(cli.lines.join('\n'));
    expect(answer.allowed).toBe(true);
    expect(answer.identity.groups).toEqual(['devs', 'ops', 'system:authenticated']);
  });
});

describe('policy-ledger rbac who-can and tier-editors', () => {
  it('lists alice as a definite editor of tier t1', async () => {
    const cli = io({ 'rbac.json': SYNTHETIC_LIST });
    await whoCanCommand({ rbac: 'rbac.json', json: true, ...update }, cli);
    const answer = JSON.parse(cli.lines.join('\n'));
    expect(answer.subjects.map((s: { description: string }) => s.description)).toContain(
      'User alice',
    );
  });

  it('answers tier-editors in words', async () => {
    const cli = io({ 'rbac.json': SYNTHETIC_LIST });
    await tierEditorsCommand({ rbac: 'rbac.json', tier: 't1' }, cli);
    expect(cli.lines[0]).toBe('tier "t1" (apiserver mode)');
    expect(cli.lines.join('\n')).toMatch(
      /definite: User alice \[create,update,patch,delete,deletecollection\]/,
    );
  });
});

describe('usage errors (exit 2)', () => {
  const files = {
    'rbac.json': SYNTHETIC_LIST,
    'broken.json': '{"kind": "List", "items": [',
    'invalid.json': JSON.stringify([
      { kind: 'Role', metadata: { name: 'no-namespace' }, rules: [] },
    ]),
    'bad.yaml': 'kind: Role\n  metadata: [unclosed\n',
  };
  it.each([
    ['a missing file', { rbac: 'missing.json' }, /--rbac missing\.json: cannot read the file/],
    ['malformed JSON', { rbac: 'broken.json' }, /--rbac broken\.json: invalid JSON/],
    ['malformed YAML', { rbac: 'bad.yaml' }, /--rbac bad\.yaml: invalid YAML/],
    [
      'an invalid object',
      { rbac: 'invalid.json' },
      /Role "no-namespace": metadata\.namespace is required/,
    ],
    [
      'an unknown mode',
      { rbac: 'rbac.json', mode: 'crd' },
      /--mode "crd" must be apiserver or webhook/,
    ],
    [
      'a resource not in kubectl form',
      { rbac: 'rbac.json', resource: 'Network Policies' },
      /^--resource: /,
    ],
    [
      'a tier name with a dot',
      { rbac: 'rbac.json', tier: 'a.b' },
      /^--tier: "a\.b" is not a tier name/,
    ],
    [
      'a tier move on create',
      { rbac: 'rbac.json', verb: 'create', newTier: 't2' },
      /^--new-tier: /,
    ],
    ['a verb that is no policy operation', { rbac: 'rbac.json', verb: 'escalate' }, /^--verb: /],
    ['an empty user', { rbac: 'rbac.json', user: ' ' }, /--user must not be empty/],
    ['neither --rbac nor --cluster', {}, /give --cluster <name> .* or --rbac <file>/],
    ['both --rbac and --cluster', { rbac: 'rbac.json', cluster: 'prod' }, /give --cluster/],
    [
      '--memberships with --cluster',
      { cluster: 'prod', memberships: 'm.json' },
      /--memberships goes with --rbac/,
    ],
    [
      '--at with --rbac',
      { rbac: 'rbac.json', at: '2026-03-01T00:00:00Z' },
      /--at goes with --cluster/,
    ],
    [
      'an --at that is no time',
      { cluster: 'prod', at: 'yesterday' },
      /--at "yesterday" is not an RFC 3339 time/,
    ],
  ])('%s', async (_name, overrides, message) => {
    const cli = io(files);
    const run = () => canICommand({ user: 'alice', ...update, ...overrides }, cli);
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run()).rejects.toThrow(message);
  });
});

describe('registration under `policy-ledger rbac`', () => {
  it('wires the flags: a missing --verb is a commander usage error', async () => {
    const program = new Command('policy-ledger')
      .exitOverride()
      .configureOutput({ writeErr: () => {} });
    registerRbacCommands(program);
    for (const sub of program.commands) sub.exitOverride();
    for (const sub of program.commands.flatMap((c) => c.commands))
      sub.exitOverride().configureOutput({ writeErr: () => {} });
    const parse = program.parseAsync(
      ['node', 'policy-ledger', 'rbac', 'who-can', '--rbac', 'rbac.json', '--resource', 'pods'],
      { from: 'node' },
    );
    await expect(parse).rejects.toBeInstanceOf(CommanderError);
    await expect(parse).rejects.toMatchObject({ code: 'commander.missingMandatoryOptionValue' });
  });
});
