// The publicly verifiable draw (pure). Anyone can recompute it from the published data:
//
// 1. Before the draw the department publishes the draw's public data P — the parameters, the
//    pool of entities (统一社会信用代码 and name, sorted by code), the inspectors (执法证号 and
//    name, sorted) and the conflicts (inspector × entity pairs that must not meet: the
//    inspector of the entity's previous inspection, declared relations) — with
//    poolDigest = SHA-256(canonical JSON of P) and commitment = SHA-256(seed), seed being 32
//    random bytes written as 64 lowercase hex characters, kept secret until the draw.
// 2. At the draw the seed is revealed; SHA-256(seed) must equal the commitment.
// 3. Entities: k = count, or ceil(percent × N / 100), at most N. Rank every entity by
//    SHA-256(seed + "|entity|" + creditCode) as hex (ties by credit code); take the first k.
// 4. Inspectors, for each selected entity in that order: drop those in conflict with it; rank
//    the rest by SHA-256(seed + "|inspector|" + creditCode + "|" + certNo); take the first m.
// Canonical JSON: JSON.stringify with object keys in sorted order, no spaces, UTF-8.
import { createHash } from 'node:crypto';

export interface DrawParams {
  /** Number of entities to draw (takes precedence over percent). */
  count: number | null;
  /** Percentage of the pool, e.g. 5 for 5 %. */
  percent: number | null;
  inspectorsPerEntity: number;
}

export interface DrawPublicData {
  title: string;
  matter: string;
  department: string;
  year: number;
  params: DrawParams;
  entities: { creditCode: string; name: string }[];
  inspectors: { certNo: string; name: string }[];
  conflicts: { certNo: string; creditCode: string; reason: string }[];
}

export interface DrawSelection {
  creditCode: string;
  name: string;
  inspectors: string[];
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(Object.entries(value).find(([key]) => key === k)?.[1])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export function canonicalJson(data: DrawPublicData): string {
  return canonical(data);
}

export function poolDigest(data: DrawPublicData): string {
  return sha256Hex(canonicalJson(data));
}

export function seedCommitment(seed: string): string {
  return sha256Hex(seed);
}

export function entityCount(params: DrawParams, poolSize: number): number {
  const k = params.count ?? Math.ceil(((params.percent ?? 0) * poolSize) / 100);
  return Math.max(0, Math.min(k, poolSize));
}

function rankBy<T>(items: readonly T[], score: (x: T) => string, tie: (x: T) => string): T[] {
  return items
    .map((x) => ({ x, s: score(x), t: tie(x) }))
    .sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.t < b.t ? -1 : a.t > b.t ? 1 : 0))
    .map((e) => e.x);
}

/** The selection: a deterministic function of the public data and the seed. */
export function drawSelection(data: DrawPublicData, seed: string): DrawSelection[] {
  const k = entityCount(data.params, data.entities.length);
  const chosen = rankBy(
    data.entities,
    (e) => sha256Hex(`${seed}|entity|${e.creditCode}`),
    (e) => e.creditCode,
  ).slice(0, k);
  const conflicts = new Set(data.conflicts.map((c) => `${c.certNo}|${c.creditCode}`));
  return chosen.map((e) => {
    const eligible = data.inspectors.filter((i) => !conflicts.has(`${i.certNo}|${e.creditCode}`));
    const picked = rankBy(
      eligible,
      (i) => sha256Hex(`${seed}|inspector|${e.creditCode}|${i.certNo}`),
      (i) => i.certNo,
    ).slice(0, data.params.inspectorsPerEntity);
    return { creditCode: e.creditCode, name: e.name, inspectors: picked.map((i) => i.certNo) };
  });
}

export interface VerifyInput {
  data: DrawPublicData;
  poolDigest: string;
  commitment: string;
  seed: string | null;
  result: DrawSelection[] | null;
}

export type VerifyOutcome = { ok: true; checks: string[] } | { ok: false; checks: string[]; problem: string };

/** Recomputes a draw from its public data alone. */
export function verifyDraw(v: VerifyInput): VerifyOutcome {
  const checks: string[] = [];
  if (poolDigest(v.data) !== v.poolDigest)
    return { ok: false, checks, problem: '名录（抽取池）的 SHA-256 摘要与公布的不一致' };
  checks.push(`抽取池摘要一致：${v.poolDigest}`);
  if (v.seed === null || v.result === null) return { ok: false, checks, problem: '尚未抽取（种子未公开）' };
  if (seedCommitment(v.seed) !== v.commitment)
    return { ok: false, checks, problem: '公开的种子与事先公布的承诺值不符' };
  checks.push(`种子与承诺值一致：SHA-256(${v.seed}) = ${v.commitment}`);
  const again = drawSelection(v.data, v.seed);
  if (canonical(again) !== canonical(v.result))
    return { ok: false, checks, problem: '按公开算法重新计算的抽取结果与公布的结果不同' };
  checks.push(`重新计算的结果与公布的一致：${again.length} 个检查对象`);
  return { ok: true, checks };
}
