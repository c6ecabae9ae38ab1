export * from './address-ranges';
export * from './target-policy';
