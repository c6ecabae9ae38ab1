import type Database from 'better-sqlite3';
import {
  compileSegmentSql,
  type Segment,
  type SegmentAnswer,
  segmentAnswerFromRows,
  type SegmentSqlRow,
  segLower,
  SQL_LOWER_FUNCTION,
} from '@orders/segmentation';
import type { ReadContext } from '../../read-budget';
import type { SegmentPage, SegmentQueries } from '../../segment.port';
import type { ReadPool } from '../read-pool/read-pool';

const MAX_CACHED_STATEMENTS = 200;

/**
 * Segments over the embedded read store: `seg_orders`/`seg_lines` (segmentation part) joined to
 * `order_view` (contact) and `article_register` (article attributes). The SQL comes from
 * @orders/segmentation's compiler: values are parameters, identifiers from its whitelist.
 */
export class SqliteSegmentQueries implements SegmentQueries {
  private readonly statements = new Map<string, Database.Statement<unknown[], SegmentSqlRow>>();

  constructor(private readonly db: Database.Database) {
    db.function(SQL_LOWER_FUNCTION, { deterministic: true }, segLower as (value: unknown) => string);
  }

  async query(segment: Segment, page: SegmentPage): Promise<SegmentAnswer> {
    return this.querySync(segment, page);
  }

  querySync(segment: Segment, page: SegmentPage): SegmentAnswer {
    const { sql, params } = compileSegmentSql(segment, { now: page.now ?? Date.now(), offset: page.offset, count: page.count });
    return segmentAnswerFromRows(this.statement(sql).all(...params), page.offset, page.count);
  }

  private statement(sql: string): Database.Statement<unknown[], SegmentSqlRow> {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      statement = this.db.prepare<unknown[], SegmentSqlRow>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * The same queries on the read pool (read-pool.ts): compiled here, run by a worker's read-only
 * connection, so a long one delays only itself, within the pool's budget and the caller's slots.
 */
export class PooledSegmentQueries implements SegmentQueries {
  constructor(private readonly pool: ReadPool) {}

  async query(segment: Segment, page: SegmentPage, context: ReadContext = {}): Promise<SegmentAnswer> {
    const { sql, params } = compileSegmentSql(segment, { now: page.now ?? Date.now(), offset: page.offset, count: page.count });
    const rows = (await this.pool.run(context.caller ?? '', { kind: 'all', sql, params })) as SegmentSqlRow[];
    return segmentAnswerFromRows(rows, page.offset, page.count);
  }
}
