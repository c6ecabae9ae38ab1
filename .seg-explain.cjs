const Database = require('better-sqlite3');
const db = new Database(process.argv[2] + '/read-models.sqlite'); if (process.env.CACHE) db.pragma('cache_size = ' + process.env.CACHE); if (process.env.MMAP) db.pragma('mmap_size = ' + process.env.MMAP);
db.function('seg_lower', { deterministic: true }, (v) => (typeof v === 'string' ? v.toLowerCase() : v));
const t = (label, sql, params = []) => {
  const plan = db.prepare('EXPLAIN QUERY PLAN ' + sql).all(...params).map((r) => '  ' + r.detail).join('\n');
  const s = performance.now(); let r; for (let i = 0; i < 5; i++) r = db.prepare(sql).all(...params); const ms = (performance.now() - s) / 5;
  console.log(label, ms.toFixed(1), 'ms', JSON.stringify(r).slice(0, 100)); console.log(plan);
};
const now = Date.parse('2026-11-23T12:00:00Z');
const yr = now - 365 * 86400000;
t('having-filter-count', `SELECT count(*) FROM seg_orders o WHERE o.deleted = 0 AND o.status = 'Completed' AND o.created_at_ms BETWEEN ? AND ?`, [yr, now]);
t('having-join', `SELECT count(*), count(distinct v.contact_id) FROM seg_orders o JOIN order_view v ON v.order_id = o.order_id WHERE o.deleted = 0 AND o.status = 'Completed' AND o.created_at_ms BETWEEN ? AND ?`, [yr, now]);
t('having-group', `SELECT v.contact_id, count(*), sum(o.total_price) FROM seg_orders o JOIN order_view v ON v.order_id = o.order_id WHERE o.deleted = 0 AND o.status = 'Completed' AND o.created_at_ms BETWEEN ? AND ? GROUP BY v.contact_id`, [yr, now]);
