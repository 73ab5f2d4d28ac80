/** What identifies a tracked object: uid is kept alongside to tell a re-created object from the old one. */
export interface ObjectKey {
  cluster: string;
  apiGroup: string;
  resource: string;
  /** Absent for cluster-scoped kinds. */
  namespace?: string;
  name: string;
}

// Names of RBAC objects may hold ':' but never '/', namespaces are DNS labels, so '/' separates
// unambiguously; '_' (not a valid namespace) stands for "cluster-scoped", 'core' for the "" group.
export function objectKeyText(key: ObjectKey): string {
  return `${key.cluster}/${key.apiGroup || 'core'}/${key.resource}/${key.namespace ?? '_'}/${key.name}`;
}

export function parseObjectKeyText(text: string): ObjectKey {
  const [cluster, group, resource, namespace, ...name] = text.split('/');
  if (!cluster || !group || !resource || !namespace || name.length === 0)
    throw new Error(`not an object key: ${text}`);
  return {
    cluster,
    apiGroup: group === 'core' ? '' : group,
    resource,
    ...(namespace === '_' ? {} : { namespace }),
    name: name.join('/'),
  };
}

/** The stream of one object's facts: `object-<cluster>/<group>/<resource>/<namespace>/<name>`. */
export function objectStreamId(key: ObjectKey): string {
  return `object-${objectKeyText(key)}`;
}

/** Facts about a kind rather than one object: nameless creates that were denied, deletecollection. */
export function collectionStreamId(
  cluster: string,
  apiGroup: string,
  resource: string,
  namespace?: string,
): string {
  return `collection-${cluster}/${apiGroup || 'core'}/${resource}/${namespace ?? '_'}`;
}

export function deadLetterStreamId(cluster: string, origin: string): string {
  return `deadletter-${cluster}/${origin}`;
}
