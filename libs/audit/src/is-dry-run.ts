import { requestQuery } from './request-query';

/**
 * True when the request URI asks for a dry run. Kubernetes reads the query parameter `dryRun`
 * (case-sensitive), possibly repeated, and accepts only the value `All`; any other value is
 * answered with 400 and so never reaches a 2xx outcome.
 */
export function isDryRun(requestUri: string): boolean {
  return requestQuery(requestUri).getAll('dryRun').includes('All');
}
