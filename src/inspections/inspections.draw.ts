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
import { hash } from 'node:crypto';

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
  return hash('sha256', text, 'hex');
}

const isPrimitive = (v: unknown) =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** An object whose keys are already in sorted order and whose values are all primitives. */
function isFlatSorted(v: unknown): boolean {
  if (isPrimitive(v)) return true;
  if (typeof v !== 'object' || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype)
    return false;
  const record = v as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (i > 0 && !((keys[i - 1] as string) < k)) return false;
    if (!isPrimitive(record[k])) return false;
  }
  return true;
}

/** Canonical JSON of one value, appended to `out`. */
function writeCanonical(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    // The pool: an array of { creditCode, name } is already canonical as JSON.stringify writes it.
    if (value.every(isFlatSorted)) {
      out.push(JSON.stringify(value));
      return;
    }
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i) out.push(',');
      writeCanonical(value[i], out);
    }
    out.push(']');
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    out.push('{');
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      out.push(i ? ',' : '', JSON.stringify(k), ':');
      writeCanonical(record[k], out);
    }
    out.push('}');
  } else out.push(JSON.stringify(value) ?? 'null');
}

function canonical(value: unknown): string {
  const out: string[] = [];
  writeCanonical(value, out);
  return out.join('');
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

interface Ranked<T> {
  x: T;
  /** The SHA-256 score as hex. */
  s: string;
  /** The tie-break key. */
  t: string;
}

/** Compares (score s, tie t) with a ranked item. */
const compare = <T>(s: string, t: string, b: Ranked<T>) =>
  s < b.s ? -1 : s > b.s ? 1 : t < b.t ? -1 : t > b.t ? 1 : 0;
const byScore = <T>(a: Ranked<T>, b: Ranked<T>) => compare(a.s, a.t, b);

/**
 * The first k items in (score, tie) order, as a stable sort would give them. Only the candidates
 * whose score's first 32 bits are at most the k-th smallest such prefix can be among the first k,
 * so only those are sorted.
 */
function firstK<T>(
  items: readonly T[],
  scores: readonly string[],
  tie: (x: T) => string,
  count: number,
): T[] {
  const k = Math.trunc(count) || 0;
  if (k <= 0) return [];
  let candidates: number[];
  if (k < items.length / 4) {
    const prefixes = new Uint32Array(items.length);
    for (let i = 0; i < items.length; i++)
      prefixes[i] = Number.parseInt((scores[i] as string).slice(0, 8), 16);
    const threshold = prefixes.slice().sort()[k - 1] as number;
    candidates = [];
    for (let i = 0; i < items.length; i++) if ((prefixes[i] as number) <= threshold) candidates.push(i);
  } else candidates = items.map((_, i) => i);
  return candidates
    .map((i) => {
      const x = items[i] as T;
      return { x, s: scores[i] as string, t: tie(x) };
    })
    .sort(byScore)
    .slice(0, k)
    .map((r) => r.x);
}

/** The selection: a deterministic function of the public data and the seed. */
export function drawSelection(data: DrawPublicData, seed: string): DrawSelection[] {
  const k = entityCount(data.params, data.entities.length);
  const entityPrefix = `${seed}|entity|`;
  const chosen = firstK(
    data.entities,
    data.entities.map((e) => sha256Hex(entityPrefix + e.creditCode)),
    (e) => e.creditCode,
    k,
  );
  // certNo → the credit codes it must not meet.
  const conflicts = new Map<string, Set<string>>();
  for (const c of data.conflicts) {
    const set = conflicts.get(c.certNo) ?? new Set<string>();
    set.add(c.creditCode);
    conflicts.set(c.certNo, set);
  }
  const m = data.params.inspectorsPerEntity;
  const inspectorPrefix = `${seed}|inspector|`;
  return chosen.map((e) => {
    const prefix = `${inspectorPrefix}${e.creditCode}|`;
    if (!(Number.isInteger(m) && m > 0))
      return {
        creditCode: e.creditCode,
        name: e.name,
        inspectors: data.inspectors
          .filter((i) => !conflicts.get(i.certNo)?.has(e.creditCode))
          .map((i) => ({ x: i.certNo, s: sha256Hex(prefix + i.certNo), t: i.certNo }))
          .sort(byScore)
          .slice(0, m)
          .map((r) => r.x),
      };
    // The m best (score, certNo) of the eligible inspectors, kept in order (insertion).
    const best: Ranked<string>[] = [];
    for (const i of data.inspectors) {
      if (conflicts.get(i.certNo)?.has(e.creditCode)) continue;
      const score = sha256Hex(prefix + i.certNo);
      if (best.length === m && compare(score, i.certNo, best[m - 1] as Ranked<string>) >= 0) continue;
      let at = best.length;
      while (at > 0 && compare(score, i.certNo, best[at - 1] as Ranked<string>) < 0) at--;
      best.splice(at, 0, { x: i.certNo, s: score, t: i.certNo });
      if (best.length > m) best.pop();
    }
    return { creditCode: e.creditCode, name: e.name, inspectors: best.map((r) => r.x) };
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
