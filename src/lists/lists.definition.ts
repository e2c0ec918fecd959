// An admin defines a list type in the console as text, one field per line (pure):
//   键|标签|类型|必填|可选值（用、分隔）
// e.g. `fee_type|收费性质|枚举|是|政府定价、市场调节价`. 类型 is a type key or its Chinese label.
import { FIELD_TYPE_LABELS, FIELD_TYPES, type FieldType, type ListField } from './lists.types.js';

export type DefinitionCheck = { ok: true; fields: ListField[] } | { ok: false; message: string };

function typeOf(word: string): FieldType | undefined {
  const w = word.trim();
  if (w === '') return undefined;
  return FIELD_TYPES.find((t) => t === w || FIELD_TYPE_LABELS[t] === w || FIELD_TYPE_LABELS[t].startsWith(w));
}

export function parseDefinition(text: string): DefinitionCheck {
  const fields: ListField[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return { ok: false, message: '请至少定义一个字段' };
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    const [key = '', label = '', typeWord = '', requiredWord = '', optionsText = ''] = line
      .split('|')
      .map((p) => p.trim());
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(key))
      return { ok: false, message: `第 ${n} 行：键只能用小写字母、数字和下划线，以字母开头` };
    if (label === '' || label.length > 50)
      return { ok: false, message: `第 ${n} 行：请填写不超过 50 字的标签` };
    const type = typeOf(typeWord);
    if (!type)
      return {
        ok: false,
        message: `第 ${n} 行：类型应为 ${FIELD_TYPES.map((t) => FIELD_TYPE_LABELS[t]).join('、')} 之一`,
      };
    if (fields.some((f) => f.key === key)) return { ok: false, message: `第 ${n} 行：键“${key}”重复` };
    if (fields.some((f) => f.label === label))
      return { ok: false, message: `第 ${n} 行：标签“${label}”重复` };
    const required = ['是', '必填', 'y', 'yes', 'true', '1'].includes(requiredWord.toLowerCase());
    const options = optionsText
      .split(/[、,，]/)
      .map((o) => o.trim())
      .filter((o) => o !== '');
    if (type === 'enum' && options.length === 0)
      return { ok: false, message: `第 ${n} 行：枚举字段须列出可选值` };
    fields.push({ key, label, type, required, ...(type === 'enum' ? { options } : {}) });
  }
  return { ok: true, fields };
}

/** The text form of a field list (for showing a type's definition). */
export function formatDefinition(fields: readonly ListField[]): string {
  return fields
    .map((f) =>
      [
        f.key,
        f.label,
        FIELD_TYPE_LABELS[f.type],
        f.required ? '是' : '否',
        (f.options ?? []).join('、'),
      ].join('|'),
    )
    .join('\n');
}
