// prints the plan and timing of the bench queries on a kept bench file
const Database = require('better-sqlite3');
const { parseSegment, compileSegmentSql } = require('./dist-bench/seg-lib.js');
const db = new Database(process.argv[2] + '/read-models.sqlite');
db.function('seg_lower', { deterministic: true }, (v) => (typeof v === 'string' ? v.toLowerCase() : v));
const now = Date.parse('2026-11-23T12:00:00Z');
const sku = (n) => `SKU-${String(n).padStart(5, '0')}`;
const Q = {
  typical: { filter: { all: [ { field: 'status', op: 'eq', value: 'Completed' }, { field: 'createdAt', op: 'between', value: ['2026-05-01T00:00:00Z', '2026-08-31T23:59:59Z'] }, { line: { field: 'sku', op: 'in', value: Array.from({ length: 20 }, (_, n) => sku(40 + n * 7)) } }, { field: 'totalPrice', op: 'gt', value: 800 } ] } },
  articleLine: { filter: { all: [ { field: 'createdAt', op: 'within', value: 'P90D' }, { line: { all: [{ field: 'article.brand', op: 'eq', value: 'Brand-7' }, { field: 'article.category', op: 'in', value: ['Shoes', 'Jeans'] }, { field: 'type', op: 'eq', value: 'Purchase' }] } } ] } },
  having: { filter: { all: [{ field: 'status', op: 'eq', value: 'Completed' }, { field: 'createdAt', op: 'within', value: 'P1Y' }] }, having: { orderCount: { op: 'gte', value: 3 }, totalPrice: { op: 'gt', value: 3000 } } },
};
for (const [name, body] of Object.entries(Q)) {
  if (process.argv[3] && process.argv[3] !== name) continue;
  const seg = parseSegment(body).segment;
  let { sql, params } = compileSegmentSql(seg, { now, offset: 0, count: 10 });
  if (process.env.EXISTS) sql = sql.replace('o.seq IN (SELECT l.order_seq FROM seg_lines l WHERE', 'EXISTS (SELECT 1 FROM seg_lines l WHERE l.order_seq = o.seq AND');
  if (process.env.UNLIKELY) sql = sql.replace('o.seq IN (SELECT l.order_seq FROM seg_lines l WHERE', '+o.seq IN (SELECT l.order_seq FROM seg_lines l WHERE');
  const st = db.prepare(sql);
  st.all(...params);
  const s = performance.now(); for (let i = 0; i < 5; i++) st.all(...params); 
  console.log(name, ((performance.now() - s) / 5).toFixed(1), 'ms');
  console.log(db.prepare('EXPLAIN QUERY PLAN ' + sql).all(...params).map((r) => '  ' + r.detail).join('\n'));
}
