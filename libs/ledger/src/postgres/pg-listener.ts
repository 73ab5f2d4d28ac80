import pg from 'pg';
import { connectionStringOf } from './create-pool';

export interface PgListenerOptions {
  /** A pool whose connection settings the listening connection copies. */
  pool: pg.Pool;
  channel: string;
  onNotification: (payload: string | undefined) => void;
  /** Called once LISTEN is in place, first time and after every reconnect. */
  onListening?: () => void;
  /** Called when the connection is lost; notifications sent until the next onListening are missed. */
  onLost?: (error: Error) => void;
  retryMs?: number;
}

/**
 * One dedicated connection LISTENing on a channel, re-established after it is lost. Pooled
 * connections cannot listen: a notification reaches only the session that asked for it.
 */
export class PgListener {
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly options: PgListenerOptions) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Resolves once listening; rejects with the first failure while retrying in the background. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: connectionStringOf(this.options.pool) });
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onNotification(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(this.options.channel)}`);
    } catch (error) {
      this.lost(client, error as Error);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.options.onListening?.();
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private lost(client: pg.Client, error: Error): void {
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    if (this.client === client) this.client = undefined;
    if (this.closed || this.retry) return;
    this.options.onLost?.(error);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.start().catch(() => undefined);
    }, this.options.retryMs ?? 1_000);
    this.retry.unref();
  }
}
