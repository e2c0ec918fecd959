// Console pages for the 政务公开领导小组: members, 联络员 and the group's texts.
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, selectField, textArea, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import type { GroupLiaisonInput, GroupMemberInput, LeadingGroup } from './group.types.js';
import { LIAISON_FIELD_LABELS, MEMBER_FIELD_LABELS, TEXT_FIELD_LABELS } from './group.validation.js';
import { noticeBanner } from './orgs.console-views.js';
import {
  GROUP_ROLES,
  GROUP_ROLE_LABELS,
  type Department,
  type GroupLiaison,
  type GroupMember,
  type GroupText,
} from './orgs.types.js';

export type MemberFormValues = Record<keyof GroupMemberInput, string>;
export type LiaisonFormValues = Record<keyof GroupLiaisonInput, string>;

const ROLE_OPTIONS = GROUP_ROLES.map((r) => ({ value: r, label: GROUP_ROLE_LABELS[r] }));
const BACK = html`<p><a href="/console/leading-group">← 返回领导小组管理</a></p>`;

function departmentOptions(departments: readonly Department[]) {
  return departments.map((d) => ({
    value: String(d.id),
    label: d.active ? d.fullName : `${d.fullName}（已停用）`,
  }));
}

function excerpt(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : chars.join('');
}

export function groupConsolePage(csrf: string, group: LeadingGroup, notice: string | undefined): SafeHtml {
  return html`<h1>领导小组管理</h1>
    ${noticeBanner(notice)}
    <section aria-labelledby="members-title">
      <h2 id="members-title">组成人员</h2>
      <p><a class="button" href="/console/leading-group/members/new">新增成员</a></p>
      <table data-testid="member-list">
        <caption>
          领导小组成员（共 ${group.members.length} 人，含已停用）
        </caption>
        <thead>
          <tr>
            <th scope="col">组内职务</th>
            <th scope="col">姓名</th>
            <th scope="col">职务</th>
            <th scope="col">所在单位</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          ${group.members.map(
            (m) =>
              html`<tr>
                <td>${GROUP_ROLE_LABELS[m.role]}</td>
                <th scope="row">${m.name}</th>
                <td>${m.position}</td>
                <td>${m.unitLabel}</td>
                <td>${m.active ? '在任' : html`<span class="tag">已停用</span>`}</td>
                <td>
                  <a href="/console/leading-group/members/${m.id}/edit"
                    >编辑<span class="visually-hidden">${m.name}</span></a
                  >
                  <form
                    method="post"
                    action="/console/leading-group/members/${m.id}/${m.active ? 'deactivate' : 'reactivate'}"
                    class="inline"
                  >
                    ${csrfField(csrf)}<button type="submit" class="link-button">
                      ${m.active ? '停用' : '启用'}<span class="visually-hidden">${m.name}</span>
                    </button>
                  </form>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section aria-labelledby="liaisons-title">
      <h2 id="liaisons-title">联络员</h2>
      <p>
        联络员由各成员单位相关科室主要负责人担任，负责日常工作的联系和协调。联络员的姓名和电话只在工作台显示，不在公开页面发布。
      </p>
      <p><a class="button" href="/console/leading-group/liaisons/new">新增联络员</a></p>
      ${
        group.liaisons.length
          ? html`<table data-testid="liaison-list">
              <caption>
                联络员（共 ${group.liaisons.length} 人）
              </caption>
              <thead>
                <tr>
                  <th scope="col">成员单位</th>
                  <th scope="col">姓名</th>
                  <th scope="col">职务</th>
                  <th scope="col">联系电话</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                ${group.liaisons.map(
                  (l) =>
                    html`<tr>
                      <td>${l.departmentName}</td>
                      <th scope="row">${l.name}</th>
                      <td>${l.position}</td>
                      <td>${l.phone}</td>
                      <td>
                        <a href="/console/leading-group/liaisons/${l.id}/edit"
                          >编辑<span class="visually-hidden">${l.name}</span></a
                        >
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>尚未登记联络员。</p>`
      }
    </section>
    <section aria-labelledby="texts-title">
      <h2 id="texts-title">职责和工作规则</h2>
      <table data-testid="text-list">
        <caption>
          公开页面上的文字栏目
        </caption>
        <thead>
          <tr>
            <th scope="col">栏目</th>
            <th scope="col">内容摘要</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          ${group.texts.map(
            (t) =>
              html`<tr>
                <th scope="row">${t.title}</th>
                <td>${t.body ? excerpt(t.body) : '（未填写，公开页面不显示）'}</td>
                <td>
                  <a href="/console/leading-group/texts/${t.key}/edit"
                    >编辑<span class="visually-hidden">${t.title}</span></a
                  >
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
}

export const EMPTY_MEMBER_FORM: MemberFormValues = {
  role: 'member',
  name: '',
  position: '',
  departmentId: '',
  unitName: '',
  sortOrder: '',
};

export function memberFormValues(m: GroupMember): MemberFormValues {
  return {
    role: m.role,
    name: m.name,
    position: m.position,
    departmentId: m.departmentId === null ? '' : String(m.departmentId),
    unitName: m.unitName,
    sortOrder: String(m.sortOrder),
  };
}

export function memberFormPage(
  csrf: string,
  opts: {
    member: GroupMember | undefined;
    values: MemberFormValues;
    errors: FieldErrors | undefined;
    departments: readonly Department[];
  },
): SafeHtml {
  const { member: m, values: v, errors: e } = opts;
  const L = MEMBER_FIELD_LABELS;
  return html`${BACK}
    <h1>${m ? `编辑领导小组成员：${m.name}` : '新增领导小组成员'}</h1>
    ${errorSummary(e, L)}
    <form
      method="post"
      action="${m ? `/console/leading-group/members/${m.id}` : '/console/leading-group/members'}"
      novalidate
    >
      ${csrfField(csrf)}
      ${selectField({ name: 'role', label: L.role, value: v.role, error: e?.role, options: ROLE_OPTIONS, required: true })}
      ${textField({ name: 'name', label: L.name, value: v.name, error: e?.name, required: true })}
      ${textField({ name: 'position', label: L.position, value: v.position, error: e?.position, hint: '如：市统计局副局长' })}
      ${selectField({ name: 'departmentId', label: L.departmentId, value: v.departmentId, error: e?.departmentId, options: departmentOptions(opts.departments), placeholder: '（不关联机构）' })}
      ${textField({ name: 'unitName', label: L.unitName, value: v.unitName, error: e?.unitName, hint: '所在单位不在机构目录中时填写，如：黄冈市人民政府' })}
      ${textField({ name: 'sortOrder', label: L.sortOrder, value: v.sortOrder, error: e?.sortOrder, hint: '同一组内职务中按此数字从小到大排列' })}
      <button type="submit" class="button">保存</button>
    </form>
    ${
      m
        ? html`<section aria-labelledby="status-title">
            <h2 id="status-title">状态</h2>
            <p>${m.active ? '该成员在任，显示在公开的领导小组页面。' : '该成员已停用，不在公开页面显示。'}</p>
            <form
              method="post"
              action="/console/leading-group/members/${m.id}/${m.active ? 'deactivate' : 'reactivate'}"
            >
              ${csrfField(csrf)}<button type="submit" class="button secondary">
                ${m.active ? '停用此成员' : '重新启用此成员'}
              </button>
            </form>
          </section>`
        : ''
    }`;
}

export const EMPTY_LIAISON_FORM: LiaisonFormValues = { departmentId: '', name: '', position: '', phone: '' };

export function liaisonFormValues(l: GroupLiaison): LiaisonFormValues {
  return { departmentId: String(l.departmentId), name: l.name, position: l.position, phone: l.phone };
}

export function liaisonFormPage(
  csrf: string,
  opts: {
    liaison: GroupLiaison | undefined;
    values: LiaisonFormValues;
    errors: FieldErrors | undefined;
    units: readonly Department[];
  },
): SafeHtml {
  const { liaison: l, values: v, errors: e } = opts;
  const L = LIAISON_FIELD_LABELS;
  return html`${BACK}
    <h1>${l ? `编辑联络员：${l.name}` : '新增联络员'}</h1>
    ${errorSummary(e, L)}
    <form
      method="post"
      action="${l ? `/console/leading-group/liaisons/${l.id}` : '/console/leading-group/liaisons'}"
      novalidate
    >
      ${csrfField(csrf)}
      ${selectField({ name: 'departmentId', label: L.departmentId, value: v.departmentId, error: e?.departmentId, options: departmentOptions(opts.units), placeholder: '请选择', required: true })}
      ${textField({ name: 'name', label: L.name, value: v.name, error: e?.name, required: true })}
      ${textField({ name: 'position', label: L.position, value: v.position, error: e?.position, hint: '如：办公室主任' })}
      ${textField({ name: 'phone', label: L.phone, value: v.phone, error: e?.phone, type: 'tel', hint: '只在工作台显示，不公开' })}
      <button type="submit" class="button">保存</button>
    </form>
    ${
      l
        ? html`<section aria-labelledby="delete-title">
            <h2 id="delete-title">删除</h2>
            <p>删除后该联络员的记录不再保留（审计日志中留有删除记录）。</p>
            <form method="post" action="/console/leading-group/liaisons/${l.id}/delete">
              ${csrfField(csrf)}<button type="submit" class="button secondary">删除此联络员</button>
            </form>
          </section>`
        : ''
    }`;
}

export function textFormPage(
  csrf: string,
  opts: { text: GroupText; values: { title: string; body: string }; errors: FieldErrors | undefined },
): SafeHtml {
  const { text: t, values: v, errors: e } = opts;
  return html`${BACK}
    <h1>编辑文字栏目：${t.title}</h1>
    ${errorSummary(e, TEXT_FIELD_LABELS)}
    <form method="post" action="/console/leading-group/texts/${t.key}" novalidate>
      ${csrfField(csrf)}
      ${textField({ name: 'title', label: TEXT_FIELD_LABELS.title, value: v.title, error: e?.title, required: true })}
      ${textArea({ name: 'body', label: TEXT_FIELD_LABELS.body, value: v.body, error: e?.body, rows: 10, hint: '空一行分段；留空则公开页面不显示此栏目' })}
      <button type="submit" class="button">保存</button>
    </form>`;
}
