import { describe, expect, it } from 'vitest';
import { escapeHtml, html, unsafeRaw } from './html.js';

describe('html templates', () => {
  it('escapes every interpolated string and leaves SafeHtml alone', () => {
    const out = html`<p title="${'"a" & \'b\''}">${'<script>x</script>'}${unsafeRaw('<b>ok</b>')}</p>`;
    expect(out.value).toBe(
      '<p title="&quot;a&quot; &amp; &#39;b&#39;">&lt;script&gt;x&lt;/script&gt;<b>ok</b></p>',
    );
  });

  it('gives text with nothing to escape back as it is', () => {
    const text = '黄冈市人民政府办公室关于印发2017年政务公开工作要点的通知';
    expect(escapeHtml(text)).toBe(text);
    expect(escapeHtml('a<b')).toBe('a&lt;b');
  });

  it('drops the indentation after line breaks in the template, never in a value', () => {
    const value = '第一行\n    缩进的第二行\n\n第三行';
    // prettier-ignore
    const out = html`<div>
      <pre>${value}</pre>
      <textarea name="t">
${value}</textarea
      >
    </div>`;
    expect(out.value).toBe(`<div>\n<pre>${value}</pre>\n<textarea name="t">\n${value}</textarea\n>\n</div>`);
  });

  it('keeps a full-width space that starts a line of the template', () => {
    // prettier-ignore
    const out = html`<p>
　主办单位</p>`;
    expect(out.value).toBe('<p>\n　主办单位</p>');
  });

  it('compacts a call site once and gives the same result on every call', () => {
    // prettier-ignore
    const row = (n: number) => html`<li>
        ${n}
      </li>`;
    expect(row(1).value).toBe('<li>\n1\n</li>');
    expect(row(2).value).toBe('<li>\n2\n</li>');
  });
});
