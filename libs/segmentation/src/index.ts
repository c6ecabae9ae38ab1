/** The segment filter language of SPEC §6: parser/validator, typed AST and its SQL and MongoDB compilers. */
export * from './segment-ast';
export * from './segment-fields';
export * from './segment-limits';
export { parseIsoDuration, startOfWithin, type IsoDuration } from './iso-duration';
export { addError, type FieldErrors } from './parse-values';
export { parseSegment, type ParseSegmentResult } from './parse-segment';
export { compileFilterSql, compileHavingSql, type SqlCompileOptions, type SqlFragment } from './compile-sql';
export { SQL_LOWER_FUNCTION, segLower } from './sql-functions';
export * from './sku-terms';
export {
  compileSegmentSql,
  segmentAnswerFromRows,
  type SegmentAnswer,
  type SegmentSqlOptions,
  type SegmentSqlRow,
} from './compile-sql-query';
export {
  articleTests,
  type ArticleTest,
  compileFilterMongo,
  compileSegmentPipeline,
  type MongoCompileOptions,
  type MongoFilter,
  type MongoStage,
  type SegmentPipelineResult,
} from './compile-mongo';
export { scalarAttributes, toSegmentDocument, type SegmentLineDocument, type SegmentOrderDocument } from './segment-document';
