export interface BufferedWriterOptions<T> {
  write: (items: readonly T[]) => Promise<void>;
  /** A batch is written as soon as this many items wait. */
  maxBatch: number;
  /** Otherwise at most this long after the first one arrived. */
  intervalMs: number;
  /** Beyond this many waiting items (a long outage), the oldest are dropped rather than memory exhausted. */
  maxBuffered: number;
  /** Whether a failed batch is worth keeping for the next attempt (the database restarting). */
  isWorthRetrying: (error: unknown) => boolean;
  onWriteError: (error: unknown, batchSize: number, retained: boolean) => void;
  onDrop: (count: number) => void;
}

/**
 * Collects items and writes them in batches off the request path: callers never wait, and a
 * failing write is reported rather than thrown at them.
 */
export class BufferedWriter<T> {
  private buffer: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: BufferedWriterOptions<T>) {}

  get pending(): number {
    return this.buffer.length;
  }

  add(item: T): void {
    this.buffer.push(item);
    const excess = this.buffer.length - this.options.maxBuffered;
    if (excess > 0) {
      this.buffer.splice(0, excess);
      this.options.onDrop(excess);
    }
    if (this.buffer.length >= this.options.maxBatch) void this.flush();
    else this.schedule();
  }

  /** Writes everything waiting; resolves when done (or failed and reported). Never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.chain = this.chain.then(() => this.drain());
    return this.chain;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => void this.flush(), this.options.intervalMs);
    // A pending flush must not keep a finishing process alive; shutdown flushes explicitly.
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.options.maxBatch);
      try {
        await this.options.write(batch);
      } catch (error) {
        const retained = this.options.isWorthRetrying(error);
        this.options.onWriteError(error, batch.length, retained);
        if (retained) {
          this.buffer.unshift(...batch);
          this.schedule();
        }
        return;
      }
    }
  }
}
