// Reading the JSON columns back with type guards (no casts): field lists, entry values, snapshots.
import { isFieldType, type EntryValues, type ListField, type SnapshotEntry } from './lists.types.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function toValues(v: unknown): EntryValues {
  const out: EntryValues = {};
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

export function parseValues(json: string): EntryValues {
  return toValues(JSON.parse(json));
}

export function parseFields(json: string): ListField[] {
  const raw: unknown = JSON.parse(json);
  if (!Array.isArray(raw)) return [];
  const fields: ListField[] = [];
  for (const f of raw) {
    if (!isRecord(f) || typeof f.key !== 'string' || typeof f.label !== 'string') continue;
    const type = typeof f.type === 'string' && isFieldType(f.type) ? f.type : 'text';
    const options = Array.isArray(f.options)
      ? f.options.filter((o): o is string => typeof o === 'string')
      : [];
    fields.push({
      key: f.key,
      label: f.label,
      type,
      required: f.required === true,
      ...(type === 'enum' ? { options } : {}),
    });
  }
  return fields;
}

export function parseSnapshot(json: string): SnapshotEntry[] {
  const raw: unknown = JSON.parse(json);
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((e) =>
    isRecord(e) && typeof e.key === 'string' ? [{ key: e.key, values: toValues(e.values) }] : [],
  );
}
