/**
 * How two versions of an ordered list line up: unchanged items (longest common subsequence),
 * items that moved (same content, other place), items edited in place (left over in the same gap,
 * paired by position), and the rest added or removed.
 */
export type Alignment =
  | { kind: 'same'; before: number; after: number }
  | { kind: 'moved'; before: number; after: number }
  | { kind: 'edited'; before: number; after: number }
  | { kind: 'removed'; before: number }
  | { kind: 'added'; after: number };

export function alignLists<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => string,
): Alignment[] {
  const beforeKeys = before.map(keyOf);
  const afterKeys = after.map(keyOf);
  const anchors = longestCommonSubsequence(beforeKeys, afterKeys);
  const gaps = gapsBetween(anchors, before.length, after.length);
  const alignment: Alignment[] = anchors.map(([b, a]) => ({ kind: 'same', before: b, after: a }));
  const unmatchedBefore = gaps.flatMap((gap) => gap.before);
  const movedFrom = new Set<number>();
  const movedTo = new Set<number>();
  for (const a of gaps.flatMap((gap) => gap.after)) {
    const b = unmatchedBefore.find(
      (index) => !movedFrom.has(index) && beforeKeys[index] === afterKeys[a],
    );
    if (b === undefined) continue;
    movedFrom.add(b);
    movedTo.add(a);
    alignment.push({ kind: 'moved', before: b, after: a });
  }
  for (const gap of gaps) {
    const left = gap.before.filter((index) => !movedFrom.has(index));
    const right = gap.after.filter((index) => !movedTo.has(index));
    const paired = Math.min(left.length, right.length);
    for (let i = 0; i < paired; i += 1) {
      alignment.push({ kind: 'edited', before: left[i] as number, after: right[i] as number });
    }
    for (const b of left.slice(paired)) alignment.push({ kind: 'removed', before: b });
    for (const a of right.slice(paired)) alignment.push({ kind: 'added', after: a });
  }
  return alignment;
}

function longestCommonSubsequence(a: readonly string[], b: readonly string[]): [number, number][] {
  const lengths = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i -= 1) {
    const row = lengths[i] as number[];
    const below = lengths[i + 1] as number[];
    for (let j = b.length - 1; j >= 0; j -= 1) {
      row[j] =
        a[i] === b[j]
          ? (below[j + 1] as number) + 1
          : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if ((lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0)) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return pairs;
}

interface Gap {
  before: number[];
  after: number[];
}

function gapsBetween(
  anchors: readonly [number, number][],
  beforeLength: number,
  afterLength: number,
): Gap[] {
  const gaps: Gap[] = [];
  let previous: [number, number] = [-1, -1];
  for (const anchor of [...anchors, [beforeLength, afterLength] as [number, number]]) {
    gaps.push({
      before: range(previous[0] + 1, anchor[0]),
      after: range(previous[1] + 1, anchor[1]),
    });
    previous = anchor;
  }
  return gaps.filter((gap) => gap.before.length > 0 || gap.after.length > 0);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(to - from, 0) }, (_, i) => from + i);
}
