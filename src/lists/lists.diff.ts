// What changed between two versions of a list (pure): entries matched by their key.
import type { EntryValues, SnapshotEntry, VersionDiff } from './lists.types.js';

function changedFields(before: EntryValues, after: EntryValues): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => (before[k] ?? '') !== (after[k] ?? ''));
}

export function diffSnapshots(from: readonly SnapshotEntry[], to: readonly SnapshotEntry[]): VersionDiff {
  const old = new Map(from.map((e) => [e.key, e.values]));
  const now = new Map(to.map((e) => [e.key, e.values]));
  const diff: VersionDiff = { added: [], changed: [], removed: [] };
  for (const e of to) {
    const before = old.get(e.key);
    if (!before) diff.added.push(e);
    else {
      const fields = changedFields(before, e.values);
      if (fields.length) diff.changed.push({ key: e.key, before, after: e.values, fields });
    }
  }
  for (const e of from) if (!now.has(e.key)) diff.removed.push(e);
  return diff;
}
