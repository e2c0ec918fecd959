// Filtering, facet counting and page order in memory.
import { describe, expect, it } from 'vitest';
import { AttributeStore, ascending, intersectSorted, pageOfKeys, sortedHas } from './search.results.js';

function store(): AttributeStore {
  const s = new AttributeStore();
  s.put([
    { sortKey: 10, itemId: 1, departmentId: 7, topicId: 3, category: 'policy', year: 2022, version: 1 },
    { sortKey: 20, itemId: 2, departmentId: 7, topicId: null, category: 'notice', year: 2023, version: 1 },
    { sortKey: 30, itemId: 3, departmentId: 8, topicId: 4, category: 'notice', year: 2023, version: 1 },
    { sortKey: 40, itemId: 4, departmentId: 8, topicId: 3, category: 'policy', year: 2024, version: 1 },
  ]);
  return s;
}

const keys = Int32Array.from([10, 20, 30, 40]);

describe('countAndFilter', () => {
  it('counts every facet over all matches when nothing is filtered', () => {
    const c = store().countAndFilter(keys, {});
    expect([...c.keys]).toEqual([10, 20, 30, 40]);
    expect(c.departments).toEqual(
      new Map([
        [7, 2],
        [8, 2],
      ]),
    );
    expect(c.topics).toEqual(
      new Map([
        [3, 2],
        [4, 1],
      ]),
    );
    expect(c.categories).toEqual(
      new Map([
        ['policy', 2],
        ['notice', 2],
      ]),
    );
    expect(c.years).toEqual(
      new Map([
        [2022, 1],
        [2023, 2],
        [2024, 1],
      ]),
    );
  });

  it('applies each filter to the other facets but not to its own', () => {
    const c = store().countAndFilter(keys, { departmentId: 7, year: 2023 });
    expect([...c.keys]).toEqual([20]);
    expect(c.departments).toEqual(
      new Map([
        [7, 1],
        [8, 1],
      ]),
    );
    expect(c.years).toEqual(
      new Map([
        [2022, 1],
        [2023, 1],
      ]),
    );
    expect(c.categories).toEqual(new Map([['notice', 1]]));
  });

  it('filters by a set of topics and reports keys it does not know', () => {
    const c = store().countAndFilter(Int32Array.from([10, 30, 40, 50]), { topicIds: [3] });
    expect([...c.keys]).toEqual([10, 40]);
    expect(c.missing).toEqual([50]);
  });

  it('finds keys far apart (direct span and outliers)', () => {
    const s = store();
    s.put([
      {
        sortKey: 9_000_000,
        itemId: 5,
        departmentId: 1,
        topicId: null,
        category: 'news',
        year: 2300,
        version: 1,
      },
      { sortKey: 0, itemId: 6, departmentId: 1, topicId: null, category: 'news', year: 1900, version: 1 },
    ]);
    expect(s.itemIdOf(9_000_000)).toBe(5);
    expect(s.itemIdOf(0)).toBe(6);
    expect(s.itemIdOf(40)).toBe(4);
    expect(s.itemIdOf(41)).toBeUndefined();
  });

  it('keeps the newer version of a document', () => {
    const s = store();
    s.put([
      { sortKey: 10, itemId: 1, departmentId: 9, topicId: null, category: 'news', year: 2022, version: 2 },
    ]);
    s.put([
      { sortKey: 10, itemId: 1, departmentId: 7, topicId: 3, category: 'policy', year: 2022, version: 1 },
    ]);
    expect(s.countAndFilter(Int32Array.from([10]), {}).departments).toEqual(new Map([[9, 1]]));
    expect(s.size).toBe(4);
  });
});

describe('page order', () => {
  it('puts pinned keys, then titled keys, then the rest, newest first, across pages', () => {
    const all = Int32Array.from([1, 2, 3, 4, 5, 6, 7]);
    const titled = Int32Array.from([2, 5]);
    expect(pageOfKeys(all, titled, [3], 0, 4)).toEqual([3, 5, 2, 7]);
    expect(pageOfKeys(all, titled, [3], 4, 4)).toEqual([6, 4, 1]);
    expect(pageOfKeys(all, new Int32Array(0), [], 2, 2)).toEqual([5, 4]);
  });

  it('sorts keys (bit set for dense keys, comparison sort for sparse ones)', () => {
    const keys = Int32Array.from({ length: 5000 }, (_, i) => 1_000_000 + ((i * 7919) % 5000) * 3);
    expect([...ascending(keys)]).toEqual([...keys].sort((a, b) => a - b));
    expect([...ascending(Int32Array.from([9, 2_000_000_000, 3]))]).toEqual([3, 9, 2_000_000_000]);
    expect([...ascending(Int32Array.from([1, 2, 3]))]).toEqual([1, 2, 3]);
    expect([...ascending(new Int32Array(0))]).toEqual([]);
  });

  it('intersects and searches sorted keys', () => {
    expect([...intersectSorted(Int32Array.from([1, 3, 5, 7]), Int32Array.from([3, 4, 7, 9]))]).toEqual([
      3, 7,
    ]);
    expect(sortedHas(Int32Array.from([1, 3, 5]), 5)).toBe(true);
    expect(sortedHas(Int32Array.from([1, 3, 5]), 4)).toBe(false);
  });
});
