export * from './register-stream';
export * from './register-id';
