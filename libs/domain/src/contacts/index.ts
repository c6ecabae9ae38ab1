export * from './contact';
export * from './match-keys';
