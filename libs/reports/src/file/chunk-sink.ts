import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';

const CHUNK_BYTES = 1024 * 1024;

/**
 * A stream that stores what is written to it in 1 MiB chunks (one insert, or one file write,
 * each), counting its size and SHA-256 on the way: a rendered report never sits whole in memory.
 */
export class ChunkSink extends Writable {
  size = 0;
  private readonly hash = createHash('sha256');
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private seq = 0;

  constructor(
    private readonly store: (seq: number, data: Buffer) => Promise<void>,
    /** Called once the last chunk is stored (a file to close, say). */
    private readonly close: () => Promise<void> = async () => undefined,
  ) {
    super();
  }

  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    const data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    this.hash.update(data);
    this.size += data.length;
    this.buffered.push(data);
    this.bufferedBytes += data.length;
    if (this.bufferedBytes < CHUNK_BYTES) done();
    else this.flush().then(() => done(), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.flush()
      .then(() => this.close())
      .then(() => done(), done);
  }

  private async flush(): Promise<void> {
    if (this.bufferedBytes === 0) return;
    const data = Buffer.concat(this.buffered);
    this.buffered = [];
    this.bufferedBytes = 0;
    await this.store(this.seq++, data);
  }
}
