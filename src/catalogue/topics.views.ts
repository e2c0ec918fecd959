// Console views of 主题分类 (topics) for admins.
import type { FieldErrors } from '../http/errors.js';
import { checkboxes, csrfField, errorSummary, selectField, textArea, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { TOPIC_INPUT_LABELS, type Topic, type TopicInput } from './topics.types.js';

export const EMPTY_TOPIC_INPUT: TopicInput = {
  name: '',
  slug: '',
  parentId: '',
  description: '',
  isKeyArea: false,
  sortOrder: '',
};

export function topicToInput(t: Topic): TopicInput {
  return {
    name: t.name,
    slug: t.slug,
    parentId: t.parentId === null ? '' : String(t.parentId),
    description: t.description,
    isKeyArea: t.isKeyArea,
    sortOrder: String(t.sortOrder),
  };
}

export function topicForm(
  csrf: string,
  o: { action: string; input: TopicInput; errors?: FieldErrors; topics: Topic[]; submit: string },
): SafeHtml {
  const e = o.errors ?? {};
  const L = TOPIC_INPUT_LABELS;
  return html`${errorSummary(o.errors, L)}
    <form method="post" action="${o.action}" novalidate data-testid="topic-form">
      ${csrfField(csrf)}
      ${textField({ name: 'name', label: L.name, value: o.input.name, error: e.name, required: true, maxlength: 30 })}
      ${selectField({ name: 'parentId', label: L.parentId, value: o.input.parentId, error: e.parentId, placeholder: '无（一级分类）', options: o.topics.filter((t) => t.parentId === null).map((t) => ({ value: String(t.id), label: t.name })) })}
      ${textField({ name: 'slug', label: L.slug, value: o.input.slug, error: e.slug, hint: '用于网址，小写字母、数字和连字符；留空自动生成' })}
      ${textArea({ name: 'description', label: L.description, value: o.input.description, error: e.description, rows: 2 })}
      ${checkboxes({ name: 'isKeyArea', label: L.isKeyArea, options: [{ value: '1', label: '在门户网站设专题专栏' }], checked: o.input.isKeyArea ? ['1'] : [] })}
      ${textField({ name: 'sortOrder', label: L.sortOrder, value: o.input.sortOrder, error: e.sortOrder, hint: '数字小的在前；留空排在最后' })}
      <button type="submit" class="button">${o.submit}</button>
    </form>`;
}

function topicRow(csrf: string, t: Topic, child: boolean): SafeHtml {
  const move = (direction: 'up' | 'down', label: string) =>
    html`<form method="post" action="/console/topics/${t.id}/move" class="inline">
      ${csrfField(csrf)}<input type="hidden" name="direction" value="${direction}" /><button
        type="submit"
        class="link-button"
      >
        ${label}
      </button>
    </form>`;
  return html`<tr>
    <td>
      ${child ? html`<span aria-hidden="true">└ </span>` : ''}${t.name}${t.isKeyArea ? html` <span class="tag">专题专栏</span>` : ''}
    </td>
    <td><code>${t.slug}</code></td>
    <td>${t.active ? '启用' : html`<span class="tag">已停用</span>`}</td>
    <td>
      <a href="/console/topics/${t.id}/edit">编辑</a>
      ${move('up', '上移')} ${move('down', '下移')}
      <form method="post" action="/console/topics/${t.id}/active" class="inline">
        ${csrfField(csrf)}<input type="hidden" name="active" value="${t.active ? '0' : '1'}" />
        <button type="submit" class="link-button">${t.active ? '停用' : '启用'}</button>
      </form>
    </td>
  </tr>`;
}

export function topicsPage(
  csrf: string,
  o: { topics: Topic[]; input: TopicInput; errors?: FieldErrors; notice?: string },
): SafeHtml {
  const firstLevel = o.topics.filter((t) => t.parentId === null);
  return html`<h1>主题分类</h1>
    ${o.notice ? html`<p class="notice" role="status" data-testid="notice">${o.notice}</p>` : ''}
    <table data-testid="topics">
      <caption class="visually-hidden">
        主题分类（两级）
      </caption>
      <thead>
        <tr>
          <th scope="col">名称</th>
          <th scope="col">网址标识</th>
          <th scope="col">状态</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        ${firstLevel.map(
          (p) =>
            html`${topicRow(csrf, p, false)}${o.topics.filter((c) => c.parentId === p.id).map((c) => topicRow(csrf, c, true))}`,
        )}
      </tbody>
    </table>
    <section>
      <h2>新增分类</h2>
      ${topicForm(csrf, { action: '/console/topics', input: o.input, ...(o.errors ? { errors: o.errors } : {}), topics: o.topics, submit: '新增' })}
    </section>`;
}
