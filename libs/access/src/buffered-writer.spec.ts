import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BufferedWriter, type BufferedWriterOptions } from './buffered-writer';

function writerWith(overrides: Partial<BufferedWriterOptions<number>> = {}) {
  const batches: number[][] = [];
  const errors: Array<{ count: number; retained: boolean }> = [];
  const dropped: number[] = [];
  const writer = new BufferedWriter<number>({
    write: async (items) => {
      batches.push([...items]);
    },
    maxBatch: 3,
    intervalMs: 500,
    maxBuffered: 10,
    isWorthRetrying: () => true,
    onWriteError: (_error, count, retained) => errors.push({ count, retained }),
    onDrop: (count) => dropped.push(count),
    ...overrides,
  });
  return { writer, batches, errors, dropped };
}

describe('BufferedWriter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes nothing on the caller's path, then one batch after the interval", async () => {
    const { writer, batches } = writerWith();
    writer.add(1);
    writer.add(2);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(499);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([[1, 2]]);
  });

  it('writes at once when a full batch waits', async () => {
    const { writer, batches } = writerWith();
    for (const n of [1, 2, 3]) writer.add(n);
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([[1, 2, 3]]);
    writer.add(4);
    await vi.advanceTimersByTimeAsync(499);
    expect(batches).toEqual([[1, 2, 3]]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('writes everything waiting when flushed, in batches', async () => {
    const { writer, batches } = writerWith({ maxBatch: 100 });
    for (const n of [1, 2, 3, 4, 5]) writer.add(n);
    await writer.flush();
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5]);
    expect(writer.pending).toBe(0);
  });

  it('keeps a batch whose write failed for a reason worth retrying, and writes it later', async () => {
    let fail = true;
    const written: number[] = [];
    const { writer, errors } = writerWith({
      write: async (items) => {
        if (fail) throw new Error('connection refused');
        written.push(...items);
      },
    });
    writer.add(1);
    await writer.flush();
    expect(errors).toEqual([{ count: 1, retained: true }]);
    fail = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(written).toEqual([1]);
  });

  it('reports and drops a batch that can never be written, and never throws', async () => {
    const { writer, errors } = writerWith({
      write: async () => {
        throw new Error('check constraint violated');
      },
      isWorthRetrying: () => false,
    });
    writer.add(1);
    await expect(writer.flush()).resolves.toBeUndefined();
    expect(errors).toEqual([{ count: 1, retained: false }]);
    expect(writer.pending).toBe(0);
  });

  it('drops the oldest items rather than grow without bound', async () => {
    const { writer, dropped } = writerWith({
      maxBatch: 100,
      write: async () => {
        throw new Error('down');
      },
    });
    for (let n = 0; n < 12; n++) writer.add(n);
    expect(dropped).toEqual([1, 1]);
    expect(writer.pending).toBe(10);
  });
});
