// The audit summary of an edit: each field of `after` whose value differs from `before`.

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

export function fieldChanges(before: object, after: object): FieldChanges {
  const old = new Map<string, unknown>(Object.entries(before));
  const out: FieldChanges = {};
  for (const [key, value] of Object.entries(after)) {
    const was = old.get(key);
    if (was !== value) out[key] = { before: was, after: value };
  }
  return out;
}
