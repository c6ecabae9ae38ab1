export { startWorker, useWorkerScript, type WorkerRole } from './launch';
export { isOrdersWorker, runWorkerThread } from './worker-main';
export { ProjectorThread } from './projector-thread';
