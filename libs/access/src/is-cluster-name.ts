const DNS_LABEL = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;

/** Cluster names are DNS labels, as DEFAULT_CLUSTER and TOPIC_CLUSTERS require. */
export function isClusterName(value: unknown): value is string {
  return typeof value === 'string' && DNS_LABEL.test(value);
}

/** What a request names instead of a cluster when it means every cluster. */
export const ALL_CLUSTERS = '*';
