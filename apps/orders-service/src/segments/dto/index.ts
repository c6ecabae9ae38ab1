export * from './save-segment.dto';
export * from './segment-answer.dto';
export * from './segment-page-query.dto';
export * from './segment-query.dto';
