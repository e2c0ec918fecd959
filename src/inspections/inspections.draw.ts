// The publicly verifiable draw (pure). Anyone can recompute it from the published data:
//
// 1. Before the draw the department publishes the draw's public data P — the parameters, the
//    pool of entities (统一社会信用代码 and name, sorted by code), the inspectors (执法证号 and
//    name, sorted) and the conflicts (inspector × entity pairs that must not meet: the
//    inspector of the entity's previous inspection, declared relations) — with
//    poolDigest = SHA-256(canonical JSON of P) and commitment = SHA-256(seed), seed being 32
//    random bytes written as 64 lowercase hex characters, kept secret until the draw.
// 2. At the draw the seed is revealed; SHA-256(seed) must equal the commitment.
// 3. A random stream S is a sequence of numbers: its j-th number (j = 0, 1, 2, …) is the first
//    6 bytes of SHA-256(S's prefix + j written in decimal), read as a big-endian integer
//    (0 ≤ v < 2^48). To draw k of a list of n items with stream S (a partial Fisher–Yates
//    shuffle): for t = 0 … k−1, let r = n − t; take the next number v of S that is below
//    2^48 − (2^48 mod r) (skip the others, so that every position is equally likely); swap the
//    items at positions t and t + (v mod r). The first k items, in that order, are the draw.
// 4. Entities: k = count, or ceil(percent × N / 100), at most N; drawn from the pool in its
//    published order with the stream of prefix seed + "|entity|".
// 5. Inspectors, for each drawn entity in that order: the inspectors in their published order,
//    without those in conflict with it; m of them drawn with the stream of prefix
//    seed + "|inspector|" + creditCode + "|".
// Canonical JSON: JSON.stringify with object keys in sorted order, no spaces, UTF-8.
//
// The draw costs k + m × k hashes (about 15,000 for 5 % of 100,000 entities with 2 inspectors
// each), not one per entity and one per inspector and entity.
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

/** 2^48: the stream's numbers are 48-bit integers (exact in a double). */
const TWO_48 = 2 ** 48;

/** The j-th number of the stream with this prefix. */
function streamNumber(prefix: string, j: number): number {
  return Number.parseInt(hash('sha256', prefix + String(j), 'hex').slice(0, 12), 16);
}

/** Draws `count` of `items` with the stream of `prefix` (partial Fisher–Yates, see step 3). */
export function drawFrom<T>(items: readonly T[], count: number, prefix: string): T[] {
  const n = items.length;
  const k = Math.max(0, Math.min(Math.trunc(count) || 0, n));
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let j = 0;
  for (let t = 0; t < k; t++) {
    const r = n - t;
    const limit = TWO_48 - (TWO_48 % r);
    let v = streamNumber(prefix, j++);
    while (v >= limit) v = streamNumber(prefix, j++);
    const at = t + (v % r);
    const here = order[t] as number;
    order[t] = order[at] as number;
    order[at] = here;
  }
  const out: T[] = [];
  for (let t = 0; t < k; t++) out.push(items[order[t] as number] as T);
  return out;
}

/** The selection: a deterministic function of the public data and the seed. */
export function drawSelection(data: DrawPublicData, seed: string): DrawSelection[] {
  const k = entityCount(data.params, data.entities.length);
  const chosen = drawFrom(data.entities, k, `${seed}|entity|`);
  // certNo → the credit codes it must not meet.
  const conflicts = new Map<string, Set<string>>();
  for (const c of data.conflicts) {
    const set = conflicts.get(c.certNo) ?? new Set<string>();
    set.add(c.creditCode);
    conflicts.set(c.certNo, set);
  }
  const m = data.params.inspectorsPerEntity;
  return chosen.map((e) => {
    const eligible = data.inspectors.filter((i) => !conflicts.get(i.certNo)?.has(e.creditCode));
    return {
      creditCode: e.creditCode,
      name: e.name,
      inspectors: drawFrom(eligible, m, `${seed}|inspector|${e.creditCode}|`).map((i) => i.certNo),
    };
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
