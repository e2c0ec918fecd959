// Checking a change to a list type's fields against the entries every department already keeps
// (pure). A field is identified by its key: a new label is a relabel, a new key an added field.
// The change is refused, naming the field, when an existing entry would no longer be valid.
import { checkValue } from './lists.fields.js';
import { FIELD_TYPE_LABELS, type EntryValues, type ListField, type ListType } from './lists.types.js';

export interface ExistingEntry {
  departmentName: string;
  key: string;
  values: EntryValues;
}

export interface TypeChange {
  relabelled: { key: string; from: string; to: string }[];
  added: string[];
  removed: string[];
  optionsChanged: { key: string; added: string[]; removed: string[] }[];
  requiredChanged: { key: string; required: boolean }[];
  typeChanged: { key: string; from: string; to: string }[];
}

export type TypeChangeCheck = { ok: true; change: TypeChange } | { ok: false; message: string };

const name = (f: ListField) => `“${f.label}”（${f.key}）`;

export function isEmptyChange(c: TypeChange): boolean {
  return Object.values(c).every((v: unknown[]) => v.length === 0);
}

export function checkTypeChange(
  type: ListType,
  next: readonly ListField[],
  entries: readonly ExistingEntry[],
): TypeChangeCheck {
  const change: TypeChange = {
    relabelled: [],
    added: [],
    removed: [],
    optionsChanged: [],
    requiredChanged: [],
    typeChanged: [],
  };
  const keyBefore = type.fields.find((f) => f.key === type.keyField);
  const keyAfter = next.find((f) => f.key === type.keyField);
  if (keyBefore && (!keyAfter || !keyAfter.required || keyAfter.type !== keyBefore.type))
    return {
      ok: false,
      message: `字段${name(keyBefore)}是本清单的标识字段，不能删除、改为非必填或改变类型`,
    };

  for (const before of type.fields) {
    const after = next.find((f) => f.key === before.key);
    if (!after) {
      if (type.builtin) return { ok: false, message: `内置清单类型的字段${name(before)}不能删除` };
      const used = entries.filter((e) => (e.values[before.key] ?? '') !== '').length;
      if (used > 0)
        return {
          ok: false,
          message: `字段${name(before)}已有 ${used} 个条目填写了内容，不能删除`,
        };
      change.removed.push(before.key);
      continue;
    }
    if (after.label !== before.label)
      change.relabelled.push({ key: before.key, from: before.label, to: after.label });
    if (after.type !== before.type) {
      if (type.builtin) return { ok: false, message: `内置清单类型的字段${name(before)}不能改变类型` };
      change.typeChanged.push({
        key: before.key,
        from: FIELD_TYPE_LABELS[before.type],
        to: FIELD_TYPE_LABELS[after.type],
      });
    }
    if (after.required !== before.required)
      change.requiredChanged.push({ key: before.key, required: after.required });
    const o1 = before.options ?? [];
    const o2 = after.options ?? [];
    const added = o2.filter((o) => !o1.includes(o));
    const removed = o1.filter((o) => !o2.includes(o));
    if (added.length || removed.length) change.optionsChanged.push({ key: before.key, added, removed });
  }
  for (const f of next) if (!type.fields.some((b) => b.key === f.key)) change.added.push(f.key);

  // Every existing entry must still be valid, and stored exactly as the new definition would store it.
  for (const f of next) {
    const bad: { entry: ExistingEntry; reason: string }[] = [];
    for (const e of entries) {
      const stored = e.values[f.key] ?? '';
      const r = checkValue(f, stored);
      if (!r.ok) bad.push({ entry: e, reason: r.message });
      else if (r.value !== stored) bad.push({ entry: e, reason: `值“${stored}”不是规范格式“${r.value}”` });
    }
    const first = bad[0];
    if (first)
      return {
        ok: false,
        message: `字段${name(f)}：现有 ${bad.length} 个条目不符合修改后的定义，例如${first.entry.departmentName}的“${first.entry.key}”：${first.reason}。请先修改这些条目，或调整定义。`,
      };
  }
  return { ok: true, change };
}
