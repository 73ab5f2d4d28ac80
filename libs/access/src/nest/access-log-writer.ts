import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { isTransientDatabaseError, PG_POOL } from '@policy-ledger/ledger';
import { LOGGER } from '@policy-ledger/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Logger } from 'pino';
import { type AccessLogEntry, buildAccessLogEntry } from '../access-log-entry';
import { BufferedWriter } from '../buffered-writer';
import { insertAccessLogEntries } from '../postgres/access-log.repository';
import type { Principal } from '../principal';

/** nginx's convention for a client that went away before the response was complete. */
const CLIENT_CLOSED_REQUEST = 499;

/**
 * Records every authenticated request in ledger.access_log once its response is done, in
 * batches (every 500 ms or 100 entries) so requests never wait on it; flushed at shutdown.
 */
@Injectable()
export class AccessLogWriter implements OnApplicationShutdown {
  private readonly writer: BufferedWriter<AccessLogEntry>;

  constructor(
    @Inject(PG_POOL) pool: pg.Pool,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.writer = new BufferedWriter<AccessLogEntry>({
      write: (entries) => insertAccessLogEntries(pool, entries),
      maxBatch: 100,
      intervalMs: 500,
      maxBuffered: 10_000,
      isWorthRetrying: isTransientDatabaseError,
      onWriteError: (error, count, retained) =>
        logger.error(
          { err: error, entries: count, retained },
          retained ? 'access log write failed; retrying' : 'access log write failed; entries lost',
        ),
      onDrop: (count) =>
        logger.error({ entries: count }, 'access log buffer full; oldest entries dropped'),
    });
  }

  track(request: FastifyRequest, reply: FastifyReply, principal: Principal): void {
    const at = new Date();
    reply.raw.once('close', () => {
      this.writer.add(
        buildAccessLogEntry({
          at,
          principal,
          method: request.method,
          route: request.routeOptions.url,
          url: request.url,
          status: reply.raw.writableFinished ? reply.statusCode : CLIENT_CLOSED_REQUEST,
          durationMs: reply.elapsedTime,
          clientIp: request.ip,
          userAgent: request.headers['user-agent'],
        }),
      );
    });
  }

  // Runs after the HTTP server closed (no more entries) and before the global database module ends the pool.
  async onApplicationShutdown(): Promise<void> {
    await this.writer.flush();
    if (this.writer.pending > 0)
      this.logger.error(
        { entries: this.writer.pending },
        'access log entries could not be written before shutdown',
      );
  }
}
