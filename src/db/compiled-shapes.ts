// Queries compiled once per shape and run with each call's values. Building and compiling a Kysely
// query with a dozen columns and joins costs about as much as SQLite's running it; a list page
// asks the same few shapes of query again and again (a department's page, a topic's page …).
// A shape's query is built once with stand-ins for its values, compiled, and kept; a call then
// puts its own values where the stand-ins were. On PostgreSQL a shape may run as a named prepared
// statement (prepared-statements.ts).
import { CompiledQuery, type Compilable } from 'kysely';
import { prepareOnPostgres } from './prepared-statements.js';

/**
 * A query whose rows are R: `execute` carries the builder's row type, which Compilable alone does
 * not (Kysely's CompiledQuery does not use its type parameter), so a builder whose select list
 * does not give R is a type error.
 */
type QueryOf<R> = Compilable<R> & { execute(): Promise<R[]> };

/** Numbers no caller passes (ids, years, limits and offsets are never negative). */
const NUMBER_STAND_IN = -2_026_120_700;

/** Stand-ins for a call's values, by their position in the call's `values`. */
export interface Slots {
  num(index: number): number;
  str<T extends string>(index: number): T;
}

type Value = number | string;

interface Compiled {
  sql: string;
  /** Each parameter: the index of the call's value that goes there, or a constant of the query. */
  parameters: ({ slot: number } | { constant: unknown })[];
  /** The type of each value, which every later call of the shape must give too. */
  kinds: ('number' | 'string')[];
}

function standIn(index: number, kind: 'number' | 'string'): Value {
  return kind === 'number' ? NUMBER_STAND_IN - index : `\u0000slot:${index}`;
}

function compileShape<R>(values: readonly Value[], build: (s: Slots) => QueryOf<R>): Compiled {
  const slotOf = new Map<unknown, number>();
  const take = (index: number, kind: 'number' | 'string') => {
    if (typeof values[index] !== kind) throw new Error(`compiled shape: value ${index} is not a ${kind}`);
    const s = standIn(index, kind);
    slotOf.set(s, index);
    return s;
  };
  const compiled = build({
    num: (i) => take(i, 'number') as number,
    str: <T extends string>(i: number) => take(i, 'string') as T,
  }).compile();
  const used = new Set<number>();
  const parameters = compiled.parameters.map((p) => {
    const slot = slotOf.get(p);
    if (slot === undefined) return { constant: p };
    if (used.has(slot)) throw new Error(`compiled shape: value ${slot} is used twice`);
    used.add(slot);
    return { slot };
  });
  if (used.size !== values.length) throw new Error('compiled shape: a value has no place in the query');
  return { sql: compiled.sql, parameters, kinds: values.map((v) => typeof v as 'number' | 'string') };
}

/**
 * Compiled queries of one builder, per database handle and shape. The handle is the Kysely
 * instance the caller runs on: a transaction is a handle of its own, and compiles its shapes again.
 */
export class ShapeCache<R> {
  private readonly byDb = new WeakMap<object, Map<string, Compiled>>();

  /**
   * `prepare(shape)`: whether the shape runs as a named prepared statement on PostgreSQL — only
   * where one plan suits every value (prepared-statements.ts).
   */
  constructor(private readonly options: { prepare?: (shape: string) => boolean } = {}) {}

  /**
   * The query of `shape` with `values` in it. `build` is called only the first time a handle
   * meets a shape; it must use every value once, through the slots, and nothing else that varies
   * between calls of the same shape.
   */
  statement(
    db: object,
    shape: string,
    values: readonly Value[],
    build: (s: Slots) => QueryOf<R>,
  ): CompiledQuery<R> {
    let shapes = this.byDb.get(db);
    if (!shapes) {
      shapes = new Map();
      this.byDb.set(db, shapes);
    }
    let compiled = shapes.get(shape);
    if (!compiled) {
      compiled = compileShape(values, build);
      shapes.set(shape, compiled);
      // A shape's text is the same for every call: PostgreSQL may parse it once per connection.
      if (this.options.prepare?.(shape)) prepareOnPostgres(compiled.sql);
    }
    const kinds = compiled.kinds;
    if (values.length !== kinds.length || values.some((v, i) => typeof v !== kinds[i]))
      throw new Error(`compiled shape ${shape}: values of other types than when it was compiled`);
    return CompiledQuery.raw(
      compiled.sql,
      compiled.parameters.map((p) => ('slot' in p ? values[p.slot] : p.constant)),
    ) as CompiledQuery<R>;
  }
}
