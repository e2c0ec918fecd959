import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  drawSelection,
  entityCount,
  poolDigest,
  seedCommitment,
  verifyDraw,
  type DrawPublicData,
  type DrawSelection,
} from './inspections.draw.js';

// The documented algorithm written out plainly (as it was first implemented): the faster
// implementation must give the same digest and the same selection, byte for byte.
const refHex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
function refCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(refCanonical).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map(
        (k) => `${JSON.stringify(k)}:${refCanonical(Object.entries(value).find(([key]) => key === k)?.[1])}`,
      )
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
/** The documented draw written out plainly: BigInt arithmetic, a copy of the list, swaps. */
function refDraw<T>(items: readonly T[], k: number, prefix: string): T[] {
  const list = [...items];
  const two48 = 2n ** 48n;
  let j = 0;
  const next = () => BigInt(`0x${refHex(prefix + String(j++)).slice(0, 12)}`);
  for (let t = 0; t < Math.min(k, list.length); t++) {
    const r = BigInt(list.length - t);
    let v = next();
    while (v >= two48 - (two48 % r)) v = next();
    const i = t + Number(v % r);
    [list[t], list[i]] = [list[i] as T, list[t] as T];
  }
  return list.slice(0, k);
}
function refSelection(d: DrawPublicData, seed: string): DrawSelection[] {
  const k = entityCount(d.params, d.entities.length);
  const conflicts = new Set(d.conflicts.map((c) => `${c.certNo}|${c.creditCode}`));
  return refDraw(d.entities, k, `${seed}|entity|`).map((e) => ({
    creditCode: e.creditCode,
    name: e.name,
    inspectors: refDraw(
      d.inspectors.filter((i) => !conflicts.has(`${i.certNo}|${e.creditCode}`)),
      d.params.inspectorsPerEntity,
      `${seed}|inspector|${e.creditCode}|`,
    ).map((i) => i.certNo),
  }));
}

const data = (over: Partial<DrawPublicData> = {}): DrawPublicData => ({
  title: '2026 年食品经营抽查',
  matter: '食品经营者经营条件检查',
  department: '市市场监督管理局',
  year: 2026,
  params: { count: null, percent: 10, inspectorsPerEntity: 2 },
  entities: Array.from({ length: 50 }, (_, i) => ({
    creditCode: `E${String(i).padStart(3, '0')}`,
    name: `企业${i}`,
  })),
  inspectors: Array.from({ length: 6 }, (_, i) => ({ certNo: `ZF${i}`, name: `检查员${i}` })),
  conflicts: [],
  ...over,
});
const SEED_A = 'a'.repeat(64);
const SEED_B = 'b'.repeat(64);

describe('the verifiable draw', () => {
  it('is deterministic for (pool, seed, parameters) and changes with the seed', () => {
    const one = drawSelection(data(), SEED_A);
    expect(drawSelection(data(), SEED_A)).toEqual(one);
    expect(one).toHaveLength(5);
    expect(one.every((s) => s.inspectors.length === 2 && new Set(s.inspectors).size === 2)).toBe(true);
    expect(drawSelection(data(), SEED_B).map((s) => s.creditCode)).not.toEqual(one.map((s) => s.creditCode));
  });

  it('k from a count or a percentage (rounded up), never more than the pool', () => {
    expect(entityCount({ count: null, percent: 5, inspectorsPerEntity: 2 }, 101)).toBe(6);
    expect(entityCount({ count: 3, percent: 50, inspectorsPerEntity: 2 }, 101)).toBe(3);
    expect(entityCount({ count: 500, percent: null, inspectorsPerEntity: 2 }, 101)).toBe(101);
  });

  it('recusal: an inspector in conflict with an entity is never drawn for it', () => {
    const all = data({ params: { count: 50, percent: null, inspectorsPerEntity: 5 } });
    const conflicts = all.entities.map((e) => ({
      certNo: 'ZF0',
      creditCode: e.creditCode,
      reason: 'declared',
    }));
    const out = drawSelection(
      { ...all, conflicts: [...conflicts, { certNo: 'ZF1', creditCode: 'E007', reason: 'previous' }] },
      SEED_A,
    );
    expect(out.some((s) => s.inspectors.includes('ZF0'))).toBe(false);
    expect(out.find((s) => s.creditCode === 'E007')?.inspectors).not.toContain('ZF1');
    expect(out.find((s) => s.creditCode === 'E007')?.inspectors).toHaveLength(4);
  });

  it('verify recomputes the digest, the commitment and the selection; tampering is caught', () => {
    const d = data();
    const result = drawSelection(d, SEED_A);
    const ok = verifyDraw({
      data: d,
      poolDigest: poolDigest(d),
      commitment: seedCommitment(SEED_A),
      seed: SEED_A,
      result,
    });
    expect(ok.ok).toBe(true);
    expect(
      verifyDraw({
        data: d,
        poolDigest: poolDigest(d),
        commitment: seedCommitment(SEED_B),
        seed: SEED_A,
        result,
      }),
    ).toMatchObject({
      ok: false,
      problem: '公开的种子与事先公布的承诺值不符',
    });
    const moved = data({ entities: d.entities.slice(1) });
    expect(
      verifyDraw({
        data: moved,
        poolDigest: poolDigest(d),
        commitment: seedCommitment(SEED_A),
        seed: SEED_A,
        result,
      }).ok,
    ).toBe(false);
    const swapped = result.map((s, i) => (i === 0 ? { ...s, creditCode: 'E049' } : s));
    expect(
      verifyDraw({
        data: d,
        poolDigest: poolDigest(d),
        commitment: seedCommitment(SEED_A),
        seed: SEED_A,
        result: swapped,
      }),
    ).toMatchObject({
      ok: false,
      problem: '按公开算法重新计算的抽取结果与公布的结果不同',
    });
  });

  it('gives the digest and selection of the documented algorithm written out plainly', () => {
    const seeds = [SEED_A, SEED_B, '0123456789abcdef'.repeat(4)];
    for (const [n, count, percent, per] of [
      [1, 1, null, 2],
      [50, null, 10, 2],
      [400, null, 5, 3],
      [400, 400, null, 6],
      [2000, null, 5, 2],
      [2000, 7, null, 10],
    ] as const) {
      const d = data({
        // Repeated codes (ties broken by the stable order) and a quote in a name.
        entities: Array.from({ length: n }, (_, i) => ({
          creditCode: `91${String(i % 997).padStart(5, '0')}`,
          name: `企业"${i}"\\`,
        })),
        inspectors: Array.from({ length: 12 }, (_, i) => ({ certNo: `ZF${i % 11}`, name: `检查员${i}` })),
        conflicts: Array.from({ length: 40 }, (_, i) => ({
          certNo: `ZF${i % 5}`,
          creditCode: `91${String((i * 37) % 997).padStart(5, '0')}`,
          reason: '申报的利害关系',
        })),
        params: { count, percent, inspectorsPerEntity: per },
      });
      expect(poolDigest(d)).toBe(refHex(refCanonical(d)));
      for (const seed of seeds) expect(drawSelection(d, seed)).toEqual(refSelection(d, seed));
    }
  });

  it('matches a draw computed by an independent implementation (Python, hashlib)', () => {
    // python3: see src/inspections/README.md ("Recomputing a draw") — the same 20 entities, 6
    // inspectors, ZF0 in conflict with E003, 4 entities × 2 inspectors, seed 0123456789abcdef × 4.
    const d = data({
      entities: Array.from({ length: 20 }, (_, i) => ({
        creditCode: `E${String(i).padStart(3, '0')}`,
        name: `企业${i}`,
      })),
      conflicts: [{ certNo: 'ZF0', creditCode: 'E003', reason: '申报的利害关系' }],
      params: { count: 4, percent: null, inspectorsPerEntity: 2 },
    });
    expect(drawSelection(d, '0123456789abcdef'.repeat(4)).map((s) => [s.creditCode, s.inspectors])).toEqual([
      ['E003', ['ZF5', 'ZF1']],
      ['E011', ['ZF0', 'ZF5']],
      ['E018', ['ZF4', 'ZF2']],
      ['E007', ['ZF3', 'ZF0']],
    ]);
  });

  // Its time is measured by bench/credit.ts (npm run bench, BENCH_ONLY=credit), not here.
  it('draws 5% of a pool of 100,000 entities, each entity once', () => {
    const big = data({
      entities: Array.from({ length: 100_000 }, (_, i) => ({ creditCode: `C${i}`, name: `n${i}` })),
      params: { count: null, percent: 5, inspectorsPerEntity: 2 },
    });
    const picked = drawSelection(big, SEED_A);
    expect(picked).toHaveLength(5000);
    expect(new Set(picked.map((p) => p.creditCode)).size).toBe(5000);
  });
});
