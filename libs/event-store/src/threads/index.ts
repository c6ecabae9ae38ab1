export * from './append-protocol';
export { runAppendWorker } from './append-worker';
export { AppendThread, type AppendWorkerFactory } from './append-thread';
export { CommitSignal } from './commit-signal';
