import { describe, expect, it } from 'vitest';
import { buildRbacSnapshot } from './build-rbac-snapshot';
import { RoleAbilityCache } from './compile-role-ability';
import { createRbacEngine } from './create-rbac-engine';
import { InvalidQueryError } from './invalid-query-error';
import { engineFor } from './testing/engine-for';
import {
  clusterRole,
  clusterRoleBinding,
  role,
  roleBinding,
  rule,
  user,
} from './testing/synthetic-rbac-objects';

const pods = { user: 'alice', verb: 'get', resource: 'pods', namespace: 'ns1' };

describe('createRbacEngine with a shared ability cache', () => {
  it('reuses unchanged roles and answers from the changed ones', () => {
    const cache = new RoleAbilityCache();
    const objects = (verbs: string[]) => [
      clusterRole('reader', [rule(verbs, [''], ['pods'])]),
      clusterRole('other', [rule(['list'], [''], ['services'])]),
      clusterRoleBinding('alice', 'reader', [user('alice')]),
    ];
    const before = createRbacEngine(buildRbacSnapshot({ objects: objects(['get']) }), {
      abilityCache: cache,
    });
    const after = createRbacEngine(buildRbacSnapshot({ objects: objects(['list']) }), {
      abilityCache: cache,
    });
    expect(before.canI(pods).allowed).toBe(true);
    expect(after.canI(pods).allowed).toBe(false);
    expect(cache.size).toBe(3);
  });

  it('evicts the least recently used abilities beyond its bound', () => {
    const cache = new RoleAbilityCache(1);
    createRbacEngine(buildRbacSnapshot({ objects: [clusterRole('a', []), clusterRole('b', [])] }), {
      abilityCache: cache,
    });
    expect(cache.size).toBe(1);
  });
});

describe('createRbacEngine warnings', () => {
  it.each([
    [
      'a binding to a missing role',
      [clusterRoleBinding('b', 'gone', [user('alice')])],
      /ClusterRoleBinding "b" references missing ClusterRole "gone"/,
    ],
    [
      'a ClusterRoleBinding to a Role',
      [role('ns1', 'r', []), clusterRoleBinding('b', { kind: 'Role', name: 'r' }, [user('alice')])],
      /a ClusterRoleBinding cannot reference a Role/,
    ],
    [
      'a RoleBinding to a Role of another namespace',
      [role('ns2', 'r', []), roleBinding('ns1', 'b', { kind: 'Role', name: 'r' }, [user('alice')])],
      /RoleBinding "ns1\/b" references missing Role "ns1\/r"/,
    ],
  ])('names %s', (_name, objects, warning) => {
    expect(engineFor(objects).warnings.join('\n')).toMatch(warning);
  });

  it('says which grants it cannot count because the ledger does not know an object', () => {
    const since = '2026-03-01T00:00:00.000000Z';
    const engine = createRbacEngine(
      buildRbacSnapshot({
        objects: [
          clusterRoleBinding('b', 'opaque', [user('alice')]),
          roleBinding('ns1', 'rb', { kind: 'ClusterRole', name: 'opaque' }, [user('bob')]),
        ],
        unknownState: [
          { kind: 'ClusterRole', name: 'opaque', since },
          { kind: 'RoleBinding', namespace: 'ns2', name: 'hidden', since },
        ],
      }),
    );
    const warnings = engine.warnings.join('\n');
    expect(warnings).toMatch(
      /ClusterRoleBinding "b" references ClusterRole "opaque", whose rules are unknown since 2026-03-01/,
    );
    expect(warnings).toMatch(/RoleBinding "ns1\/rb" references ClusterRole "opaque", whose rules/);
    expect(warnings).toMatch(/RoleBinding "ns2\/hidden" exists but its content is unknown/);
    expect(warnings).not.toMatch(/missing ClusterRole "opaque"/);
    expect(engine.tierEditors('default').caveats.join('\n')).toMatch(/whose rules are unknown/);
  });
});

describe('queries the engine refuses', () => {
  const engine = engineFor([]);
  it.each([
    ['a verb with spaces', { verb: 'get pods', resource: 'pods' }, 'verb'],
    [
      'an operation tiered policies do not have',
      { verb: 'escalate', resource: 'networkpolicies.projectcalico.org' },
      'verb',
    ],
    [
      'a tier name with a dot',
      { verb: 'get', resource: 'networkpolicies.projectcalico.org', tier: 'a.b' },
      'tier',
    ],
    [
      'a tier move on delete',
      { verb: 'delete', resource: 'networkpolicies.projectcalico.org', newTier: 't2' },
      'newTier',
    ],
    [
      'a tier move on a plain resource',
      { verb: 'update', resource: 'pods', newTier: 't2' },
      'newTier',
    ],
    ['a resource not in kubectl form', { verb: 'get', resource: 'Pods!' }, 'resource'],
  ])('%s', (_name, query, field) => {
    const error = thrownBy(() => engine.canI({ user: 'alice', ...query }));
    expect(error).toBeInstanceOf(InvalidQueryError);
    expect((error as InvalidQueryError).field).toBe(field);
  });
});

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
