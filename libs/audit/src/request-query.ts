/** The query parameters of a request URI (`/apis/...?dryRun=All&fieldManager=kubectl`), decoded. */
export function requestQuery(requestUri: string): URLSearchParams {
  const fragment = requestUri.indexOf('#');
  const target = fragment === -1 ? requestUri : requestUri.slice(0, fragment);
  const query = target.indexOf('?');
  return new URLSearchParams(query === -1 ? '' : target.slice(query + 1));
}
