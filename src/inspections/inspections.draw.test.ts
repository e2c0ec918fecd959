import { describe, expect, it } from 'vitest';
import {
  drawSelection,
  entityCount,
  poolDigest,
  seedCommitment,
  verifyDraw,
  type DrawPublicData,
} from './inspections.draw.js';

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
