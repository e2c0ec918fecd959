import type { ItemCategory } from '../catalogue/catalogue.types.js';
import type { LinkedItem, PublicListEntry, PublicTopic } from '../catalogue/public-items.service.js';
import { html, type SafeHtml } from '../http/html.js';
import type { DirectoryGroup } from '../orgs/orgs.types.js';
import { catalogueHref, topicHref } from './gk.views.js';
import { categoryLabel, itemHref } from './portal.format.js';

export interface HomeData {
  groups: DirectoryGroup[];
  columns: { category: ItemCategory; items: PublicListEntry[] }[];
  /** 解读 of the policies shown, keyed by the policy's id. */
  interpretations: Map<number, LinkedItem[]>;
  keyAreas: PublicTopic[];
  hasSearch: boolean;
}

function column(category: ItemCategory, items: readonly PublicListEntry[], d: HomeData): SafeHtml {
  return html`<section class="card column" data-testid="column-${category}">
    <h2><a href="${catalogueHref({ category })}">${categoryLabel(category)}</a></h2>
    ${
      items.length === 0
        ? html`<p>暂无信息。</p>`
        : html`<ul class="latest">
              ${items.map((i) => {
                const interps = d.interpretations.get(i.itemId) ?? [];
                return html`<li>
                  <a href="${itemHref(i.itemId)}">${i.title}</a>
                  <span class="hint date">${i.publishedDate}</span>
                  ${interps.map(
                    (l) =>
                      html`<a class="tag" href="${itemHref(l.itemId)}"
                        >解读<span class="visually-hidden">：${l.title}</span></a
                      >`,
                  )}
                </li>`;
              })}
            </ul>
            <p class="more"><a href="${catalogueHref({ category })}">更多${categoryLabel(category)}</a></p>`
    }
  </section>`;
}

export function homePage(d: HomeData): SafeHtml {
  const count = d.groups.reduce((n, g) => n + g.departments.length, 0);
  return html`<h1 class="visually-hidden">首页</h1>
    <section class="hero">
      <h2>政府信息公开</h2>
      <p>坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。</p>
      ${
        d.hasSearch
          ? html`<form method="get" action="/search" role="search" class="home-search">
              <label for="home-q">搜索政府信息</label>
              <input id="home-q" name="q" type="search" maxlength="100" />
              <button type="submit">搜索</button>
            </form>`
          : ''
      }
    </section>
    <div class="cards columns">${d.columns.map((c) => column(c.category, c.items, d))}</div>
    ${
      d.keyAreas.length > 0
        ? html`<section class="key-areas" data-testid="key-areas">
            <h2><a href="/xxgk/topics">专题专栏</a></h2>
            <ul class="topic-tiles">
              ${d.keyAreas.map((t) => html`<li><a href="${topicHref(t)}">${t.name}</a></li>`)}
            </ul>
          </section>`
        : ''
    }
    <div class="cards">
      <section class="card">
        <h2><a href="/xxgk">政府信息公开</a></h2>
        <p>公开指南、公开目录、法定主动公开内容、年度报告和开放数据。</p>
      </section>
      <section class="card">
        <h2><a href="/departments">机构目录</a></h2>
        <p>本平台已收录 ${count} 个机构的职能、公开指南和联系方式。</p>
        <ul>
          ${d.groups.map((g) => html`<li>${g.label}：${g.departments.length} 个</li>`)}
        </ul>
      </section>
      <section class="card">
        <h2><a href="/leading-group">政务公开领导小组</a></h2>
        <p>领导小组成员、办公室及工作职责。</p>
      </section>
      <section class="card">
        <h2><a href="/calendar">期限计算器</a></h2>
        <p>按国务院公布的节假日安排，计算“××个工作日”的法定期限。</p>
      </section>
    </div>`;
}
