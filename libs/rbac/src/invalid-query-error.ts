/** A query the engine cannot answer as asked (unknown resource form, bad tier name, verb that makes no sense). */
export class InvalidQueryError extends Error {
  override name = 'InvalidQueryError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
