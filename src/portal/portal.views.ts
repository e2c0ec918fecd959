import { html, type SafeHtml } from '../http/html.js';
import type { DirectoryGroup } from '../orgs/orgs.types.js';

export function homePage(groups: DirectoryGroup[]): SafeHtml {
  const count = groups.reduce((n, g) => n + g.departments.length, 0);
  return html`<h1 class="visually-hidden">首页</h1>
    <section class="hero">
      <h2>政府信息公开</h2>
      <p>坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。</p>
    </section>
    <div class="cards">
      <section class="card">
        <h2><a href="/departments">机构目录</a></h2>
        <p>本平台已收录 ${count} 个机构的职能、公开指南和联系方式。</p>
        <ul>
          ${groups.map((g) => html`<li>${g.label}：${g.departments.length} 个</li>`)}
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
