// The bad rows of a spreadsheet import — row number, column and reason — as one table, shown by
// the 清单 import and the 双公示 import (upload page and import-job page).
import { html, type SafeHtml } from '../http/html.js';
import type { RowProblem } from './lists.import.js';

/** `limit`: show at most this many rows; row 0 is a problem of the whole file (no row number). */
export function problemsTable(
  problems: readonly RowProblem[],
  opts: { caption?: string; limit?: number } = {},
): SafeHtml {
  return html`<table data-testid="import-problems">
    ${
      opts.caption
        ? html`<caption>
            ${opts.caption}
          </caption>`
        : ''
    }
    <thead>
      <tr>
        <th scope="col">行号</th>
        <th scope="col">列</th>
        <th scope="col">问题</th>
      </tr>
    </thead>
    <tbody>
      ${problems.slice(0, opts.limit ?? problems.length).map(
        (p) =>
          html`<tr>
            <td>${p.row || ''}</td>
            <td>${p.column}</td>
            <td>${p.message}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
