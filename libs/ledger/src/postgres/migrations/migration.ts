/** One schema change, applied once, in id order, in its own transaction. */
export interface Migration {
  id: string;
  sql: string;
}
