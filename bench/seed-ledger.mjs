// A synthetic ledger read model, written straight into the read models (the benchmarks that use
// it measure reads, not ingestion): `changes` changes spread over `clusters` clusters, one every
// `spacingMs` from `start` (200 actors, 40 tiers, 5 resources), `policies` objects of cluster
// bench-0 with 4 versions each, and the RBAC objects of a mid-size cluster.
//   bench/api:    1,000,000 changes over 3 clusters, a year of history, 50,000 policies
//   bench/report: 100,000 changes of one cluster in a quarter, 2,000 policies
export function seedLedgerSql({
  clusters = 3,
  changes = 1_000_000,
  policies = 50_000,
  start = '2025-11-21 00:00:00+00',
  spacingMs = 31_536,
} = {}) {
  return `
insert into ledger.changes (
  id, cluster, change_key, object_key, api_group, resource, kind, namespace, name, tier, verb, outcome, action,
  actor_username, actor_groups, impersonated_by, source_ips, user_agent, occurred_at, request_received_at, tiebreak,
  audit_id, level, status_code, authorization_decision, authorization_reason, version, state_known, summary, risk,
  direct_crd, positions, last_position)
select md5('change' || i)::uuid,
       'bench-' || (i % ${clusters}),
       'audit:' || md5('audit' || i),
       'bench-' || (i % ${clusters}) || '/projectcalico.org/' || r.resource || '/' || case when r.namespaced then 'ns-' || (i % 30) else '_' end || '/policy-' || (i % ${policies}),
       'projectcalico.org', r.resource, r.kind,
       case when r.namespaced then 'ns-' || (i % 30) end,
       'policy-' || (i % ${policies}),
       'tier-' || (i % 40),
       (array['create', 'update', 'patch', 'delete', 'patch'])[1 + i % 5],
       (array['applied', 'applied', 'applied', 'denied', 'failed', 'applied', 'applied', 'dryrun'])[1 + i % 8],
       'updated',
       'user-' || (i % 200) || '@example.com',
       array['system:authenticated', 'team-' || (i % 20)],
       case when i % 97 = 0 then 'system:admin' end,
       array['10.0.' || (i % 250) || '.' || (i % 200)],
       'kubectl/v1.34.1 (linux/amd64)',
       timestamptz '${start}' + (i * interval '${spacingMs} milliseconds'),
       timestamptz '${start}' + (i * interval '${spacingMs} milliseconds') - interval '3 milliseconds',
       md5('audit' || i),
       md5('audit' || i), 'RequestResponse', 200, 'allow',
       'RBAC: allowed by ClusterRoleBinding "bench" of ClusterRole "cluster-admin" to User "user"',
       1 + i / ${policies}, true,
       '[{"type":"rule-added","risk":"medium","summary":"Ingress rule 2 added: Allow from app == ''web''"}]'::jsonb,
       'medium', false, array[i::bigint], i
  from generate_series(1, ${changes}) as i
  cross join lateral (
    select * from (values
      ('networkpolicies', 'NetworkPolicy', true),
      ('globalnetworkpolicies', 'GlobalNetworkPolicy', false),
      ('stagednetworkpolicies', 'StagedNetworkPolicy', true),
      ('networksets', 'NetworkSet', true),
      ('globalnetworksets', 'GlobalNetworkSet', false)) as v(resource, kind, namespaced)
    offset (i % 5) limit 1) as r;

insert into ledger.object_versions (
  object_key, version, cluster, api_group, resource, kind, namespace, name, change_key, occurred_at, action, object,
  state_known, deleted, uid, tier, summary)
select 'bench-0/projectcalico.org/globalnetworkpolicies/_/gnp-' || o, v, 'bench-0', 'projectcalico.org',
       'globalnetworkpolicies', 'GlobalNetworkPolicy', null, 'gnp-' || o, 'audit:' || md5('v' || o || '-' || v),
       timestamptz '2026-01-01 00:00:00+00' + (o * interval '1 second') + ((v - 1) * interval '30 days'),
       case when v = 1 then 'created' else 'updated' end,
       jsonb_build_object('apiVersion', 'projectcalico.org/v3', 'kind', 'GlobalNetworkPolicy',
         'metadata', jsonb_build_object('name', 'gnp-' || o, 'uid', 'uid-' || o),
         'spec', jsonb_build_object('tier', 'tier-' || (o % 40), 'order', v * 100, 'selector', 'all()', 'types', jsonb_build_array('Ingress'))),
       true, false, 'uid-' || o, 'tier-' || (o % 40), '[]'::jsonb
  from generate_series(1, ${policies}) as o, generate_series(1, 4) as v;

-- RBAC for who-can: 40 tier-editor roles bound to teams, one binding per user, the passthrough.
insert into ledger.objects (object_key, cluster, api_group, resource, kind, namespace, name, version, exists, state_known,
  object, tier, since, last_occurred_at, last_tiebreak)
select 'bench-0/rbac.authorization.k8s.io/clusterroles/_/tier-editor-' || t, 'bench-0', 'rbac.authorization.k8s.io',
       'clusterroles', 'ClusterRole', null, 'tier-editor-' || t, 1, true, true,
       jsonb_build_object('apiVersion', 'rbac.authorization.k8s.io/v1', 'kind', 'ClusterRole',
         'metadata', jsonb_build_object('name', 'tier-editor-' || t),
         'rules', jsonb_build_array(
           jsonb_build_object('apiGroups', jsonb_build_array('projectcalico.org'), 'resources', jsonb_build_array('tiers'), 'resourceNames', jsonb_build_array('tier-' || t), 'verbs', jsonb_build_array('get')),
           jsonb_build_object('apiGroups', jsonb_build_array('projectcalico.org'), 'resources', jsonb_build_array('tier.globalnetworkpolicies', 'tier.networkpolicies'), 'resourceNames', jsonb_build_array('tier-' || t || '.*'), 'verbs', jsonb_build_array('*')))),
       null, now(), '2026-01-01T00:00:00.000000Z', 'seed'
  from generate_series(0, 39) as t
union all
select 'bench-0/rbac.authorization.k8s.io/clusterrolebindings/_/team-' || b, 'bench-0', 'rbac.authorization.k8s.io',
       'clusterrolebindings', 'ClusterRoleBinding', null, 'team-' || b, 1, true, true,
       jsonb_build_object('apiVersion', 'rbac.authorization.k8s.io/v1', 'kind', 'ClusterRoleBinding',
         'metadata', jsonb_build_object('name', 'team-' || b),
         'roleRef', jsonb_build_object('apiGroup', 'rbac.authorization.k8s.io', 'kind', 'ClusterRole', 'name', 'tier-editor-' || (b % 40)),
         'subjects', jsonb_build_array(jsonb_build_object('kind', 'Group', 'name', 'team-' || (b % 20)), jsonb_build_object('kind', 'User', 'name', 'user-' || b || '@example.com'))),
       null, now(), '2026-01-01T00:00:00.000000Z', 'seed'
  from generate_series(0, 399) as b
union all
select 'bench-0/rbac.authorization.k8s.io/clusterroles/_/passthrough', 'bench-0', 'rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole', null,
       'passthrough', 1, true, true,
       '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"passthrough"},"rules":[{"apiGroups":["projectcalico.org"],"resources":["networkpolicies","globalnetworkpolicies"],"verbs":["*"]}]}'::jsonb,
       null, now(), '2026-01-01T00:00:00.000000Z', 'seed'
union all
select 'bench-0/rbac.authorization.k8s.io/clusterrolebindings/_/passthrough', 'bench-0', 'rbac.authorization.k8s.io', 'clusterrolebindings', 'ClusterRoleBinding', null,
       'passthrough', 1, true, true,
       '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"passthrough"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"passthrough"},"subjects":[{"kind":"Group","name":"system:authenticated"}]}'::jsonb,
       null, now(), '2026-01-01T00:00:00.000000Z', 'seed';

insert into ledger.object_versions (object_key, version, cluster, api_group, resource, kind, namespace, name, change_key,
  occurred_at, action, object, state_known, deleted, summary)
select object_key, 1, cluster, api_group, resource, kind, namespace, name, 'seed:' || object_key, '2026-01-01T00:00:00Z',
       'observed', object, true, false, '[]'::jsonb
  from ledger.objects where cluster = 'bench-0';
`;
}
