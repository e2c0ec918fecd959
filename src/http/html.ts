// HTML templating that escapes by default: every interpolated value is escaped unless it is
// already SafeHtml (produced by `html` itself or, deliberately, by `unsafeRaw`).

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most text (Chinese titles, names, dates) has nothing to escape: a test is cheaper than a replace.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : text;
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v: HtmlValue) => render(v)).join('');
  return escapeHtml(String(value));
}

/**
 * A template's literal parts with the indentation after each line break dropped: the source's
 * layout is a third of a page's bytes, and a browser shows a line break and its indentation
 * alike (as one space, or as nothing between tags). Only the literal parts change, never a value,
 * so text in a <pre> or <textarea> comes out as given. Kept per call site (a tagged template
 * passes the same strings array on every call).
 */
const compacted = new WeakMap<TemplateStringsArray, readonly string[]>();

function compact(strings: TemplateStringsArray): readonly string[] {
  let parts = compacted.get(strings);
  if (!parts) {
    parts = strings.map((s) => s.replace(/\n[ \t\r\n]*/g, '\n'));
    compacted.set(strings, parts);
  }
  return parts;
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  const parts = compact(strings);
  let out = parts[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (parts[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/** Marks trusted markup (built by this code, never user input) as safe. */
export function unsafeRaw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Renders plain text with line breaks kept, escaped. */
export function paragraphs(text: string | null | undefined): SafeHtml {
  if (!text) return new SafeHtml('');
  return new SafeHtml(
    text
      .split(/\n{2,}/)
      .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
      .join(''),
  );
}
