/** Several unrevoked tokens share a name: the caller must say which one, by id. */
export class AmbiguousTokenNameError extends Error {
  override name = 'AmbiguousTokenNameError';
  constructor(
    readonly tokenName: string,
    readonly ids: readonly string[],
  ) {
    super(
      `${ids.length} unrevoked API tokens are named "${tokenName}" (${ids.join(', ')}): give the id`,
    );
  }
}
