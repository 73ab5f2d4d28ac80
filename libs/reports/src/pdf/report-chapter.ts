import type { PageFlow } from './page-flow';
import type { OutlineEntry } from './write-blocks';

/** One numbered chapter: its contents entries, and how to write it (into either pass). */
export interface ReportChapter {
  entry: OutlineEntry;
  sections: readonly OutlineEntry[];
  /** Rows the chapter streams per pass, for progress. */
  streamedRows: number;
  write(flow: PageFlow, tick: () => void): Promise<void>;
}

export function createChapterEntry(number: number, anchor: string, title: string): OutlineEntry {
  return { anchor, number: String(number), title, level: 1 };
}

/** The sections of a chapter, numbered in order: "3.1", "3.2"… */
export function numberSections<K extends string>(
  chapter: number,
  sections: readonly (readonly [K, string])[],
): Record<K, OutlineEntry> {
  const entries = {} as Record<K, OutlineEntry>;
  sections.forEach(([key, title], i) => {
    entries[key] = { anchor: `${chapter}.${key}`, number: `${chapter}.${i + 1}`, title, level: 2 };
  });
  return entries;
}
