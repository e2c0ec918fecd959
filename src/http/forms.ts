// Form building blocks in the GOV.UK pattern: an error summary at the top linking to each field,
// inline errors, hints, and the values the user typed kept on re-render.
import { html, type SafeHtml } from './html.js';
import type { FieldErrors } from './errors.js';

export function fieldId(name: string): string {
  return `f-${name}`;
}

export function errorSummary(
  errors: FieldErrors | undefined,
  labels: Record<string, string>,
  message?: string,
): SafeHtml {
  if (!errors || Object.keys(errors).length === 0) {
    return message
      ? html`<div class="error-summary" role="alert" tabindex="-1"><h2>${message}</h2></div>`
      : html``;
  }
  return html`<div
    class="error-summary"
    role="alert"
    tabindex="-1"
    aria-labelledby="error-summary-title"
    data-testid="error-summary"
  >
    <h2 id="error-summary-title">${message ?? '提交的内容有误，请修改以下项目：'}</h2>
    <ul>
      ${Object.entries(errors).map(
        ([name, msg]) => html`<li><a href="#${fieldId(name)}">${labels[name] ?? name}：${msg}</a></li>`,
      )}
    </ul>
  </div>`;
}

interface FieldOptions {
  name: string;
  label: string;
  value?: string | number | null | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
}

function describedBy(o: FieldOptions): string | undefined {
  const ids = [o.hint ? `${fieldId(o.name)}-hint` : '', o.error ? `${fieldId(o.name)}-error` : ''].filter(
    Boolean,
  );
  return ids.length ? ids.join(' ') : undefined;
}

function labelAndMessages(o: FieldOptions): SafeHtml {
  return html`<label for="${fieldId(o.name)}"
      >${o.label}${o.required ? html`<span class="req" aria-hidden="true"> *</span>` : ''}</label
    >
    ${o.hint ? html`<p class="hint" id="${fieldId(o.name)}-hint">${o.hint}</p>` : ''}
    ${o.error ? html`<p class="field-error" id="${fieldId(o.name)}-error"><span class="visually-hidden">错误：</span>${o.error}</p>` : ''}`;
}

export function textField(
  o: FieldOptions & { type?: string; autocomplete?: string; maxlength?: number },
): SafeHtml {
  const d = describedBy(o);
  return html`<div class="field${o.error ? ' has-error' : ''}">
    ${labelAndMessages(o)}
    <input
      id="${fieldId(o.name)}"
      name="${o.name}"
      type="${o.type ?? 'text'}"
      value="${o.value ?? ''}"
      ${o.required ? html`required` : ''}
      ${o.autocomplete ? html`autocomplete="${o.autocomplete}"` : ''}
      ${o.maxlength ? html`maxlength="${o.maxlength}"` : ''}
      ${d ? html`aria-describedby="${d}"` : ''}
      ${o.error ? html`aria-invalid="true"` : ''}
    />
  </div>`;
}

export function textArea(o: FieldOptions & { rows?: number }): SafeHtml {
  const d = describedBy(o);
  return html`<div class="field${o.error ? ' has-error' : ''}">
    ${labelAndMessages(o)}
    <textarea
      id="${fieldId(o.name)}"
      name="${o.name}"
      rows="${o.rows ?? 5}"
      ${o.required ? html`required` : ''}
      ${d ? html`aria-describedby="${d}"` : ''}
      ${o.error ? html`aria-invalid="true"` : ''}
    >
${o.value ?? ''}</textarea>
  </div>`;
}

export function selectField(
  o: FieldOptions & { options: readonly { value: string; label: string }[]; placeholder?: string },
): SafeHtml {
  const d = describedBy(o);
  const current = o.value === null || o.value === undefined ? '' : String(o.value);
  return html`<div class="field${o.error ? ' has-error' : ''}">
    ${labelAndMessages(o)}
    <select
      id="${fieldId(o.name)}"
      name="${o.name}"
      ${o.required ? html`required` : ''}
      ${d ? html`aria-describedby="${d}"` : ''}
      ${o.error ? html`aria-invalid="true"` : ''}
    >
      ${o.placeholder !== undefined ? html`<option value="">${o.placeholder}</option>` : ''}
      ${o.options.map(
        (opt) =>
          html`<option value="${opt.value}" ${opt.value === current ? html`selected` : ''}>
            ${opt.label}
          </option>`,
      )}
    </select>
  </div>`;
}

export function checkboxes(
  o: FieldOptions & { options: readonly { value: string; label: string }[]; checked: readonly string[] },
): SafeHtml {
  return html`<fieldset class="field${o.error ? ' has-error' : ''}" id="${fieldId(o.name)}">
    <legend>${o.label}</legend>
    ${o.hint ? html`<p class="hint">${o.hint}</p>` : ''}
    ${o.error ? html`<p class="field-error"><span class="visually-hidden">错误：</span>${o.error}</p>` : ''}
    ${o.options.map(
      (opt, i) =>
        html`<div class="check">
          <input
            type="checkbox"
            id="${fieldId(o.name)}-${i}"
            name="${o.name}"
            value="${opt.value}"
            ${o.checked.includes(opt.value) ? html`checked` : ''}
          />
          <label for="${fieldId(o.name)}-${i}">${opt.label}</label>
        </div>`,
    )}
  </fieldset>`;
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

/** Form values arrive as string or string[]; these read them without trusting their shape. */
export function str(value: unknown): string {
  if (Array.isArray(value)) return str(value[0]);
  return typeof value === 'string' ? value : '';
}

export function strList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

export function optionalInt(value: unknown): number | undefined {
  const s = str(value).trim();
  return /^\d{1,9}$/.test(s) ? Number(s) : undefined;
}
