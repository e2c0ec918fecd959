// A version of a list as CSV (UTF-8 BOM), XLSX and JSON (pure).
import { writeCsv, writeXlsx } from './lists.tabular.js';
import type { ListSummary, ListType, SnapshotEntry } from './lists.types.js';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

export function exportJson(
  list: ListSummary,
  type: ListType,
  version: number,
  entries: readonly SnapshotEntry[],
) {
  return {
    list: {
      id: list.id,
      type: type.slug,
      typeName: type.name,
      department: { id: list.departmentId, name: list.departmentName },
    },
    version,
    fields: type.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required,
      ...(f.options ? { options: f.options } : {}),
    })),
    entries: entries.map((e) => ({ key: e.key, values: e.values })),
  };
}

export function exportList(
  format: ExportFormat,
  list: ListSummary,
  type: ListType,
  version: number,
  entries: readonly SnapshotEntry[],
): Buffer {
  const headers = type.fields.map((f) => f.label);
  const rows = entries.map((e) => type.fields.map((f) => e.values[f.key] ?? ''));
  switch (format) {
    case 'csv':
      return writeCsv(headers, rows);
    case 'xlsx':
      return writeXlsx(type.name, headers, rows);
    case 'json':
      return Buffer.from(JSON.stringify(exportJson(list, type, version, entries)), 'utf8');
    default: {
      const never: never = format;
      return never;
    }
  }
}

export function exportFileName(
  list: ListSummary,
  type: ListType,
  version: number,
  format: ExportFormat,
): string {
  return `${list.departmentName}${type.name}-v${version}.${format}`;
}
