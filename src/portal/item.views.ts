// The item page: the metadata table Chinese government sites show, the body, attachments, links
// between a policy and its 解读, the version history, and the <meta> tags of the 网页设计规范.
import { INTERPRETATION_FORM_LABELS } from '../catalogue/catalogue.types.js';
import type { LinkedItem, PublicItemPage, WithdrawnNotice } from '../catalogue/public-items.service.js';
import type { SiteInfo } from '../config.js';
import { html, unsafeRaw, type SafeHtml } from '../http/html.js';
import { BODY_BYTES_MARKER } from './portal.cached-page.js';
import {
  attachmentHref,
  beijingDate,
  beijingDateTime,
  categoryLabel,
  fileSize,
  fileTypeLabel,
  itemHref,
  siteDomain,
  validityLabel,
} from './portal.format.js';

export interface ItemViewContext {
  site: SiteInfo;
  publicBaseUrl: string;
  print: boolean;
}

function topicPath(p: PublicItemPage): string {
  if (!p.topic) return '';
  return p.parentTopic ? `${p.parentTopic.name}\\${p.topic.name}` : p.topic.name;
}

function issuerOf(p: PublicItemPage): string {
  return p.item.issuer || p.department?.fullName || '';
}

/** The page-tag set of the 政府网站网页设计规范 (SiteName is in the layout's head already). */
export function itemMetaTags(p: PublicItemPage, ctx: ItemViewContext): SafeHtml {
  const i = p.item;
  const url = `${ctx.publicBaseUrl}${itemHref(i.itemId)}`;
  const tags: [string, string][] = [
    ['SiteDomain', siteDomain(ctx.publicBaseUrl)],
    ['SiteIDCode', ctx.site.siteCode],
    ['ColumnName', categoryLabel(i.category)],
    ['ColumnType', '政府信息公开'],
    ['ArticleTitle', i.title],
    ['PubDate', beijingDateTime(i.publishedAt)],
    ['ContentSource', issuerOf(p)],
    ['Keywords', topicPath(p).replace('\\', ',')],
    ['Description', i.summary],
    ['Url', url],
  ];
  return html`${tags.map(([name, content]) => html`<meta name="${name}" content="${content}" />`)}
    <link rel="canonical" href="${url}" />
    ${ctx.print ? html`<link rel="stylesheet" href="/assets/print.css" /><meta name="robots" content="noindex" />` : ''}`;
}

function metaTable(p: PublicItemPage): SafeHtml {
  const i = p.item;
  const validity = i.validity ?? (i.category === 'normative' ? null : undefined);
  return html`<table class="meta-table item-meta" data-testid="item-meta">
    <caption class="visually-hidden">
      信息索引
    </caption>
    <tbody>
      <tr>
        <th scope="row">索引号</th>
        <td data-testid="meta-index-number">${i.indexNumber}</td>
        <th scope="row">主题分类</th>
        <td>${topicPath(p)}</td>
      </tr>
      <tr>
        <th scope="row">发布机构</th>
        <td>${issuerOf(p)}</td>
        <th scope="row">成文日期</th>
        <td>${i.signedDate ?? ''}</td>
      </tr>
      <tr>
        <th scope="row">文号</th>
        <td>${i.docNumber}</td>
        <th scope="row">发布日期</th>
        <td>${i.publishedDate}</td>
      </tr>
      <tr>
        <th scope="row">信息类别</th>
        <td>${categoryLabel(i.category)}</td>
        <th scope="row">有效性</th>
        <td>${validity === undefined ? '' : validityLabel(validity)}</td>
      </tr>
      <tr>
        <th scope="row">名称</th>
        <td colspan="3">${i.title}</td>
      </tr>
    </tbody>
  </table>`;
}

function linkedList(title: string, items: readonly LinkedItem[], testid: string): SafeHtml {
  if (items.length === 0) return html``;
  return html`<section class="related" data-testid="${testid}">
    <h2>${title}</h2>
    <ul>
      ${items.map(
        (l) =>
          html`<li>
            <a href="${itemHref(l.itemId)}">${l.title}</a>
            ${l.interpretationForm ? html`<span class="tag">${INTERPRETATION_FORM_LABELS[l.interpretationForm]}</span>` : ''}
            <span class="hint">${l.publishedDate}</span>
          </li>`,
      )}
    </ul>
  </section>`;
}

function attachmentList(p: PublicItemPage): SafeHtml {
  if (p.attachments.length === 0) return html``;
  return html`<section class="attachments" data-testid="attachments">
    <h2>附件</h2>
    <ul>
      ${p.attachments.map(
        (a) =>
          html`<li>
            <a href="${attachmentHref(a.id, a.fileName)}" download>${a.fileName}</a>
            <span class="hint">（${fileTypeLabel(a.mediaType, a.fileName)}，${fileSize(a.size)}）</span>
          </li>`,
      )}
    </ul>
  </section>`;
}

function versionHistory(p: PublicItemPage): SafeHtml {
  if (p.versions.length <= 1) return html``;
  return html`<section class="versions" data-testid="versions">
    <h2>修订记录</h2>
    <table>
      <caption class="visually-hidden">
        本信息的发布与修订记录
      </caption>
      <thead>
        <tr>
          <th scope="col">版本</th>
          <th scope="col">发布时间</th>
          <th scope="col">标题</th>
          <th scope="col">修订说明</th>
        </tr>
      </thead>
      <tbody>
        ${p.versions.map(
          (v) =>
            html`<tr>
              <td>第 ${v.version} 版${v.version === p.item.version ? '（现行）' : ''}</td>
              <td>${beijingDateTime(v.publishedAt)}</td>
              <td>${v.title}</td>
              <td>${v.changeNote || (v.version === 1 ? '首次发布' : '')}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export function itemPage(p: PublicItemPage, ctx: ItemViewContext): SafeHtml {
  const i = p.item;
  return html`<article class="item" data-testid="item-page">
    ${metaTable(p)}
    <h1 class="item-title">${i.title}</h1>
    <p class="item-byline hint">
      发布时间：${beijingDateTime(i.publishedAt)}　来源：${issuerOf(p)}
      ${i.version > 1 ? html` 　最后修订：${beijingDate(i.updatedAt)}` : ''}
    </p>
    ${i.summary ? html`<p class="item-summary"><strong>内容概述：</strong>${i.summary}</p>` : ''}
    <div class="item-body" data-testid="item-body">
      ${unsafeRaw(p.bodyHtmlBytes ? BODY_BYTES_MARKER : i.bodyHtml)}
    </div>
    ${attachmentList(p)} ${linkedList('相关解读', p.interpretations, 'related-interpretations')}
    ${linkedList('相关政策', p.policies, 'related-policies')}
    ${linkedList('本文件替代', p.supersedes, 'supersedes')}
    ${linkedList('已被以下文件替代', p.supersededBy, 'superseded-by')} ${versionHistory(p)}
    <p class="item-tools">
      ${
        ctx.print
          ? html`<a href="${itemHref(i.itemId)}">返回正常视图</a
              >　请使用浏览器的“打印”功能（Ctrl+P）打印本页。`
          : html`<a href="${itemHref(i.itemId)}?print=1" data-testid="print-link">打印视图</a>`
      }
    </p>
  </article>`;
}

export function withdrawnPage(n: WithdrawnNotice): SafeHtml {
  return html`<div class="error-page withdrawn" data-testid="withdrawn-notice">
    <h1>该信息已撤销</h1>
    <p>《${n.title}》（索引号：${n.indexNumber}）已于 ${beijingDate(n.withdrawnAt)} 撤销，不再公开。</p>
    ${n.reason ? html`<p>撤销原因：${n.reason}</p>` : ''}
    <p><a href="/xxgk/catalogue">浏览政府信息公开目录</a></p>
  </div>`;
}
