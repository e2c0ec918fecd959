// Pages of 双随机一公开: public draws (pool digest, commitment, seed, parameters, result, the
// algorithm) and results; the console (名录库 import, draws, results, coverage).
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, fieldId, selectField, textArea, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import type { RowProblem } from '../lists/lists.import.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import { pageHref, paginationNav } from '../shared/pagination.js';
import type { VerifyOutcome } from './inspections.draw.js';
import {
  LIBRARIES,
  LIBRARY_LABELS,
  libraryColumns,
  type CoverageRow,
  type DrawInput,
} from './inspections.service.js';
import {
  DRAW_STATUS_LABELS,
  OUTCOME_LABELS,
  OUTCOMES,
  type Draw,
  type DrawHead,
  type DrawSummary,
  type InspectionResult,
} from './inspections.types.js';

export function drawsPage(o: {
  draws: readonly DrawSummary[];
  total: number;
  q: string;
  page: number;
  pageSize: number;
}): SafeHtml {
  return html`<h1>双随机一公开</h1>
    <p>
      随机抽取检查对象、随机选派执法检查人员，抽查情况及查处结果及时向社会公开。每次抽取前公布抽取池及其
      SHA-256 摘要和随机种子的承诺值，抽取时公开种子，任何人都可以按公开的算法复核结果。
    </p>
    <p><a href="/inspections/plans">各部门年度抽查计划</a></p>
    <form method="get" action="/inspections" role="search" class="filters" data-testid="draws-search">
      <div class="field">
        <label for="draws-q">查找抽查任务或检查结果</label>
        <input
          id="draws-q"
          name="q"
          type="search"
          value="${o.q}"
          maxlength="100"
          aria-describedby="draws-q-hint"
        />
        <p class="hint" id="draws-q-hint">可输入抽查任务、抽查事项、部门、检查对象名称或统一社会信用代码。</p>
      </div>
      <div class="field"><button type="submit">查找</button></div>
    </form>
    ${
      o.draws.length === 0
        ? html`<p data-testid="draws-none">
            ${o.q ? `没有找到与“${o.q}”有关的抽查任务或检查结果。` : '暂无抽查任务。'}
          </p>`
        : html`<table data-testid="draws">
            <caption>
              ${o.q ? `与“${o.q}”有关的抽查任务` : '抽查任务'}（${o.total}）
            </caption>
            <thead>
              <tr>
                <th scope="col">抽查任务</th>
                <th scope="col">抽查事项</th>
                <th scope="col">部门</th>
                <th scope="col">抽取池</th>
                <th scope="col">状态</th>
                <th scope="col">公布时间</th>
              </tr>
            </thead>
            <tbody>
              ${o.draws.map(
                (d) =>
                  html`<tr>
                    <td><a href="/inspections/draws/${d.id}">${d.title}</a></td>
                    <td>${d.matter}</td>
                    <td>${d.departmentName}</td>
                    <td>${d.poolSize}</td>
                    <td>${DRAW_STATUS_LABELS[d.status]}</td>
                    <td>${formatShanghaiDateTime(d.committedAt)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${paginationNav({
      page: o.page,
      pageSize: o.pageSize,
      total: o.total,
      href: (p) => pageHref('/inspections', { q: o.q }, p),
      label: '抽查任务分页',
    })}`;
}

export const ALGORITHM = html`<section id="algorithm">
  <h2>抽取算法（可复核）</h2>
  <ol>
    <li>
      抽取前公布抽取数据
      P：参数、检查对象（统一社会信用代码和名称，按代码排序）、执法检查人员（执法证号和姓名）、回避关系（上次检查该对象的人员、申报的利害关系），以及摘要
      SHA-256(P 的规范 JSON) 和承诺值 SHA-256(种子)。规范 JSON：对象的键按字典序排列、无空格、UTF-8。
    </li>
    <li>抽取时公开种子（64 位十六进制字符），SHA-256(种子) 必须等于承诺值。</li>
    <li>
      随机数序列：前缀为 S 的序列，第 j 个数（j = 0, 1, 2, …）是 SHA-256(S + j 的十进制写法) 的前 6
      个字节按大端序读出的整数（0 ≤ v &lt; 2<sup>48</sup>）。
    </li>
    <li>
      从 n 项中抽取 k 项（部分 Fisher–Yates 洗牌）：对 t = 0 … k−1，令 r = n − t，取序列中下一个小于 2<sup
        >48</sup
      >
      − (2<sup>48</sup> mod r) 的数 v（不满足的跳过，使每个位置机会均等），交换第 t 项与第 t + (v mod r)
      项。前 k 项按此顺序即为抽取结果。
    </li>
    <li>
      检查对象：抽取数量 k = 指定数量，或 ⌈比例 × 抽取池数量 ÷ 100⌉；按公布的顺序，用前缀为 种子 + "|entity|"
      的序列抽取。
    </li>
    <li>
      执法检查人员：对每个选中的对象（按抽中顺序），按公布的顺序列出人员并排除与其有回避关系的人员，用前缀为
      种子 + "|inspector|" + 统一社会信用代码 + "|" 的序列抽取 m 名。
    </li>
  </ol>
  <p>命令行复核：<code>gongkai inspections verify &lt;抽取编号&gt;</code>，或下载本页的 JSON 自行计算。</p>
</section>`;

export function drawPage(
  d: Draw,
  results: readonly InspectionResult[],
  verified: VerifyOutcome | undefined,
): SafeHtml {
  const p = d.data.params;
  const inspectorName = (c: string) => d.data.inspectors.find((i) => i.certNo === c)?.name ?? c;
  return html`<h1>${d.title}</h1>
    <dl class="item-meta" data-testid="draw">
      <dt>抽查事项</dt>
      <dd>${d.matter}</dd>
      <dt>部门</dt>
      <dd>${d.data.department}</dd>
      ${
        d.planId !== null
          ? html`<dt>年度抽查计划</dt>
              <dd>
                <a
                  href="/inspections/plans?department=${d.departmentId}&amp;year=${d.year}"
                  data-testid="draw-plan"
                  >${d.year} 年度抽查计划</a
                >
              </dd>`
          : ''
      }
      <dt>抽取参数</dt>
      <dd>
        ${p.count !== null ? `抽取 ${p.count} 个对象` : `抽取 ${p.percent}%`}，每个对象
        ${p.inspectorsPerEntity} 名执法检查人员
      </dd>
      <dt>抽取池</dt>
      <dd>
        ${d.poolSize} 个检查对象，${d.data.inspectors.length} 名执法检查人员，${d.data.conflicts.length}
        条回避关系
      </dd>
      <dt>抽取池摘要（SHA-256）</dt>
      <dd><code data-testid="pool-digest">${d.poolDigest}</code></dd>
      <dt>种子承诺值（SHA-256）</dt>
      <dd><code>${d.commitment}</code>（公布于 ${formatShanghaiDateTime(d.committedAt)}）</dd>
      <dt>种子</dt>
      <dd>
        ${d.seed ? html`<code data-testid="seed">${d.seed}</code>（公开于 ${formatShanghaiDateTime(d.drawnAt)}）` : '抽取时公开'}
      </dd>
    </dl>
    <p>
      <a href="/api/v1/inspections/draws/${d.id}">下载抽取数据（JSON）</a>　<a
        href="/inspections/draws/${d.id}/results.csv"
        >下载检查结果（CSV）</a
      >
    </p>
    ${verified ? html`<p class="${verified.ok ? 'notice' : 'warning'}" data-testid="verified">${verified.ok ? '本站已按公开算法复核：结果一致。' : `复核未通过：${verified.problem}`}</p>` : ''}
    ${
      d.result
        ? html`<h2>抽取结果</h2>
            <table data-testid="selection">
              <thead>
                <tr>
                  <th scope="col">检查对象</th>
                  <th scope="col">统一社会信用代码</th>
                  <th scope="col">执法检查人员</th>
                  <th scope="col">检查结果</th>
                </tr>
              </thead>
              <tbody>
                ${d.result.map((s) => {
                  const r = results.find((x) => x.creditCode === s.creditCode);
                  return html`<tr>
                    <td>${s.name}</td>
                    <td>${s.creditCode}</td>
                    <td>${s.inspectors.map(inspectorName).join('、')}</td>
                    <td>
                      ${r ? `${OUTCOME_LABELS[r.outcome]}${r.note ? `：${r.note}` : ''}（${r.publishedDate}）` : '待公布'}
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>`
        : ''
    }
    <details>
      <summary>抽取池名单（${d.poolSize}）</summary>
      <ul>
        ${d.data.entities.map((e) => html`<li>${e.creditCode} ${e.name}</li>`)}
      </ul>
    </details>
    ${ALGORITHM}`;
}

export function consoleHomePage(o: {
  csrf: string;
  draws: readonly DrawHead[];
  matters: readonly string[];
  entityCount: number;
  inspectorCount: number;
  draw?: DrawInput;
  errors?: FieldErrors | undefined;
  report?: { message: string; problems: readonly RowProblem[]; ok: boolean } | undefined;
}): SafeHtml {
  const v = o.draw ?? {
    title: '',
    matter: '',
    industry: '',
    count: '',
    percent: '5',
    inspectorsPerEntity: '2',
  };
  return html`<h1>双随机一公开</h1>
    ${
      o.report
        ? html`<div
            class="${o.report.ok ? 'notice' : 'error-summary'}"
            role="alert"
            data-testid="import-report"
          >
            <h2>${o.report.message}</h2>
            <ul>
              ${o.report.problems.map((p) => html`<li>第 ${p.row} 行 ${p.column}：${p.message}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <p>
      <a href="/console/inspections/entities">检查对象名录库</a>：${o.entityCount} 个在用；<a
        href="/console/inspections/inspectors"
        >执法检查人员名录库</a
      >：${o.inspectorCount} 人在用。抽查事项来自本部门的<a href="/console/lists/sjcc">随机抽查事项清单</a
      >。<a href="/console/inspections/plans">年度抽查计划</a>
    </p>
    ${LIBRARIES.map(
      (lib) =>
        html`<form
          method="post"
          action="/console/inspections/import/${lib}"
          enctype="multipart/form-data"
          class="narrow"
        >
          ${csrfField(o.csrf)}
          <div class="field">
            <label for="${fieldId(`file-${lib}`)}"
              >导入${LIBRARY_LABELS[lib]}（CSV/XLSX，列：${libraryColumns(lib)
                .map((c) => c.label)
                .join('、')}）</label
            >
            <input id="${fieldId(`file-${lib}`)}" type="file" name="file" accept=".csv,.xlsx" required />
          </div>
          <button type="submit">导入</button>
        </form>`,
    )}
    <h2>新建抽取</h2>
    ${errorSummary(o.errors, { title: '抽查任务名称', matter: '抽查事项', industry: '行业', count: '抽取数量', percent: '抽取比例', inspectorsPerEntity: '每个对象的检查人员数' })}
    <form method="post" action="/console/inspections/draws" novalidate data-testid="draw-form">
      ${csrfField(o.csrf)}
      ${textField({ name: 'title', label: '抽查任务名称', value: v.title, error: o.errors?.title, required: true })}
      ${selectField({ name: 'matter', label: '抽查事项', value: v.matter, error: o.errors?.matter, required: true, placeholder: '请选择', options: o.matters.map((m) => ({ value: m, label: m })) })}
      ${textField({ name: 'industry', label: '行业（抽取池筛选，可不填）', value: v.industry, error: o.errors?.industry })}
      ${textField({ name: 'count', label: '抽取数量', value: v.count, error: o.errors?.count, hint: '填写数量或比例其一' })}
      ${textField({ name: 'percent', label: '抽取比例（%）', value: v.percent, error: o.errors?.percent })}
      ${textField({ name: 'inspectorsPerEntity', label: '每个对象的检查人员数', value: v.inspectorsPerEntity, error: o.errors?.inspectorsPerEntity })}
      <button type="submit">公布抽取池和种子承诺值</button>
    </form>
    <h2>抽取记录</h2>
    <ul>
      ${o.draws.map((d) => html`<li><a href="/console/inspections/draws/${d.id}">${d.title}</a>（${DRAW_STATUS_LABELS[d.status]}）</li>`)}
    </ul>`;
}

export function consoleDrawPage(
  csrf: string,
  d: Draw,
  results: readonly InspectionResult[],
  errors?: FieldErrors,
): SafeHtml {
  return html`<h1>${d.title}</h1>
    <p>状态：${DRAW_STATUS_LABELS[d.status]}。<a href="/inspections/draws/${d.id}">查看公开页面</a></p>
    ${d.status === 'committed' ? html`<form method="post" action="/console/inspections/draws/${d.id}/draw">${csrfField(csrf)}<button type="submit">现在抽取（公开种子）</button></form>` : ''}
    ${errorSummary(errors, { outcome: '检查结果', inspectionEndDate: '检查结束日期', note: '说明' })}
    ${(d.result ?? []).map((s) => {
      const r = results.find((x) => x.creditCode === s.creditCode);
      return html`<section class="card">
        <h2>${s.name}（${s.creditCode}）</h2>
        ${r ? html`<p>${OUTCOME_LABELS[r.outcome]}；检查结束 ${r.inspectionEndDate}，公布 ${r.publishedDate}${r.late ? html` <span class="tag warning" data-testid="late">逾期公布（应于 ${r.dueDate} 前）</span>` : ''}</p>` : ''}
        <form method="post" action="/console/inspections/draws/${d.id}/results">
          ${csrfField(csrf)}
          <input type="hidden" name="creditCode" value="${s.creditCode}" />
          ${selectField({ name: 'outcome', label: '检查结果', value: r?.outcome ?? '', placeholder: '请选择', options: OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] })) })}
          ${textField({ name: 'inspectionEndDate', label: '检查结束日期', type: 'date', value: r?.inspectionEndDate ?? '' })}
          ${textArea({ name: 'note', label: '说明', value: r?.note ?? '', rows: 2 })}
          <button type="submit">公布结果</button>
        </form>
      </section>`;
    })}`;
}

export function coveragePage(year: number, rows: readonly CoverageRow[]): SafeHtml {
  return html`<h1>${year} 年随机抽查事项覆盖情况</h1>
    <p>
      “达标”指当年至少抽取一次且单次抽取比例不低于 5%；“完成计划”指抽取次数和单次最高比例均达到本部门<a
        href="/inspections/plans?year=${year}"
        >年度抽查计划</a
      >。
    </p>
    <table data-testid="coverage">
      <thead>
        <tr>
          <th scope="col">部门</th>
          <th scope="col">抽查事项</th>
          <th scope="col">抽取次数</th>
          <th scope="col">最高抽取比例</th>
          <th scope="col">达标（≥5%）</th>
          <th scope="col">年度计划</th>
          <th scope="col">完成计划</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <td>${r.department}</td>
              <td>${r.matter}</td>
              <td>${r.draws}</td>
              <td>${r.bestPercent}%</td>
              <td>${r.reached ? '是' : html`<strong>否</strong>`}</td>
              <td>
                ${r.planned ? plannedText(r.planned.ratioPercent, r.planned.draws, r.planned.period) : '未列入计划'}
              </td>
              <td>${r.planned ? (r.planned.reached ? '是' : html`<strong>否</strong>`) : ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** “抽查 5%，2 次（2026-03-01 至 2026-06-30）” */
export function plannedText(ratioPercent: number | null, draws: number | null, period: string): string {
  const parts = [
    ...(ratioPercent !== null ? [`抽查 ${ratioPercent}%`] : []),
    ...(draws !== null ? [`${draws} 次`] : []),
  ];
  return `${parts.join('，')}（${period}）`;
}
