import { STATUS_CODES } from 'node:http';
import { PROBLEM_CATALOG, PROBLEM_CODES, type ProblemCode, PROBLEMS_PATH } from './problem-catalog';

/** The short HTML pages of `/problems` and `/problems/<CODE>`, built from PROBLEM_CATALOG alone. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);

/** The catalog's text with its `code` spans as <code>. */
const prose = (text: string): string => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const statusLine = (status: number): string => `${status} ${STATUS_CODES[status] ?? ''}`.trim();

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} · Orders API v3</title>`,
    '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}' +
      'code{background:#f2f2f2;padding:0 .2em;border-radius:3px}table{border-collapse:collapse}' +
      'td,th{text-align:left;padding:.25rem .75rem .25rem 0;vertical-align:top}dt{font-weight:600;margin-top:.75rem}</style>',
    '</head>',
    `<body>\n${body}\n</body>`,
    '</html>',
    '',
  ].join('\n');
}

/** `/problems/<CODE>`: title, status, when it happens and what to do. */
export function problemPageHtml(code: ProblemCode): string {
  const entry = PROBLEM_CATALOG[code];
  return page(
    entry.title,
    [
      `<p><a href="/${PROBLEMS_PATH}">All problem types</a> · <a href="/docs">API documentation</a></p>`,
      `<h1>${escapeHtml(entry.title)}</h1>`,
      '<dl>',
      `<dt>code</dt><dd><code>${code}</code></dd>`,
      `<dt>HTTP status</dt><dd>${statusLine(entry.status)}</dd>`,
      `<dt>When it happens</dt><dd>${prose(entry.when)}</dd>`,
      `<dt>What to do</dt><dd>${prose(entry.fix)}</dd>`,
      '</dl>',
      '<p>Every error answer of this API is <code>application/problem+json</code> (RFC 9457) with <code>type</code> ' +
        `<code>/${PROBLEMS_PATH}/${code}</code> (this page), <code>title</code>, <code>status</code>, <code>detail</code>, ` +
        '<code>code</code> and <code>instance</code>; a 400 <code>VALIDATION_FAILED</code> adds <code>errors</code> by JSON path.</p>',
    ].join('\n'),
  );
}

/** `/problems`: every code with its status and title. */
export function problemIndexHtml(): string {
  const rows = [...PROBLEM_CODES]
    .sort((a, b) => PROBLEM_CATALOG[a].status - PROBLEM_CATALOG[b].status || a.localeCompare(b))
    .map((code) => {
      const entry = PROBLEM_CATALOG[code];
      return `<tr><td>${entry.status}</td><td><a href="/${PROBLEMS_PATH}/${code}"><code>${code}</code></a></td><td>${escapeHtml(entry.title)}</td></tr>`;
    });
  return page(
    'Problem types',
    [
      '<p><a href="/docs">API documentation</a></p>',
      '<h1>Problem types</h1>',
      '<p>Every error answer of the Orders API is <code>application/problem+json</code> (RFC 9457) with a stable ' +
        `<code>code</code>; its <code>type</code> is <code>/${PROBLEMS_PATH}/&lt;code&gt;</code>, the page below that explains it.</p>`,
      '<table>',
      '<thead><tr><th>status</th><th>code</th><th>title</th></tr></thead>',
      `<tbody>\n${rows.join('\n')}\n</tbody>`,
      '</table>',
    ].join('\n'),
  );
}
