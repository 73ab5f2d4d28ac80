import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  CHANGE_FEED_CHANNEL,
  type ChangeView,
  changesAfterPosition,
  type FeedMark,
  latestChangePosition,
  PG_POOL,
  PgListener,
} from '@policy-ledger/ledger';
import { LOGGER } from '@policy-ledger/observability';
import type pg from 'pg';
import type { Logger } from 'pino';
import { Observable } from 'rxjs';

export interface FeedEvent {
  change: ChangeView;
  mark: FeedMark;
}

interface Subscriber {
  cluster: string;
  mark: FeedMark | undefined;
  accept: (change: ChangeView) => boolean;
  push: (event: FeedEvent) => void;
}

const SAFETY_POLL_MS = 1_000;
const PAGE = 500;

const isBefore = (a: FeedMark, b: FeedMark) =>
  a.position < b.position || (a.position === b.position && a.id < b.id);

/**
 * Announces committed changes to live subscribers. One LISTEN connection per process hears the
 * ingestor's notifications (sent on commit); a slow poll covers notifications lost while that
 * connection is re-established. Each subscriber resumes from its own mark, so nothing is
 * skipped or sent twice.
 */
@Injectable()
export class ChangeFeedService implements OnModuleInit, OnModuleDestroy {
  private readonly subscribers = new Set<Subscriber>();
  private listener: PgListener | undefined;
  private timer: NodeJS.Timeout | undefined;
  private draining = false;
  private again = false;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.timer = setInterval(() => void this.drain(), SAFETY_POLL_MS);
    this.timer.unref();
    this.listener = new PgListener({
      pool: this.pool,
      channel: CHANGE_FEED_CHANNEL,
      onNotification: () => void this.drain(),
      onLost: (error) =>
        this.logger.warn({ err: error }, 'change feed: LISTEN connection lost; reconnecting'),
    });
    await this.listener
      .start()
      .catch((error: Error) =>
        this.logger.warn({ err: error }, 'change feed: LISTEN failed; polling until it succeeds'),
      );
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.listener?.stop();
  }

  /** New changes of `cluster` after `from` (or from now) that `accept` keeps, as they commit. */
  subscribe(
    cluster: string,
    accept: (change: ChangeView) => boolean,
    from?: FeedMark,
  ): Observable<FeedEvent> {
    return new Observable<FeedEvent>((observer) => {
      const subscriber: Subscriber = {
        cluster,
        mark: undefined,
        accept,
        push: (event) => observer.next(event),
      };
      let active = true;
      void (
        from
          ? Promise.resolve(from)
          : latestChangePosition(this.pool, cluster).then((position) => ({
              position,
              id: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
            }))
      )
        .then((mark) => {
          if (!active) return;
          subscriber.mark = mark;
          this.subscribers.add(subscriber);
          void this.drain();
        })
        .catch((error: Error) => observer.error(error));
      return () => {
        active = false;
        this.subscribers.delete(subscriber);
      };
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.again = false;
        for (const cluster of new Set([...this.subscribers].map((s) => s.cluster)))
          await this.deliver(cluster);
      } while (this.again);
    } catch (error) {
      this.logger.warn({ err: error }, 'change feed: could not read new changes');
    } finally {
      this.draining = false;
    }
  }

  private async deliver(cluster: string): Promise<void> {
    const waiting = [...this.subscribers].filter(
      (s): s is Subscriber & { mark: FeedMark } => s.cluster === cluster && s.mark !== undefined,
    );
    if (waiting.length === 0) return;
    let from = waiting.map((s) => s.mark).reduce((a, b) => (isBefore(b, a) ? b : a));
    for (;;) {
      const changes = await changesAfterPosition(this.pool, cluster, from, PAGE);
      for (const change of changes) {
        const mark = { position: change.feedPosition, id: change.id };
        for (const s of waiting) {
          if (!isBefore(s.mark, mark)) continue;
          s.mark = mark;
          if (s.accept(change)) s.push({ change, mark });
        }
        from = mark;
      }
      if (changes.length < PAGE) return;
    }
  }
}
