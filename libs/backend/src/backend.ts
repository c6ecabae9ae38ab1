import { type BackendSettings, DEFAULT_READ_POOL } from './backend-config';
import { type Backend, type BackendLog, CONNECT_TIMEOUT_MS } from './backend.port';
import { DistributedBackend } from './distributed-backend';
import { EmbeddedBackend } from './embedded-backend';

export interface OpenBackendOptions {
  /**
   * Embedded: the data set must exist already (commands that read a service's data): verify() fails
   * without DATA_DIR/events.sqlite and apiKeys() without DATA_DIR, with a DataSetNotFoundError.
   */
  existing?: boolean;
  /**
   * Embedded: run the group commit (with its fsync) and the projector on worker threads (the service's
   * EMBEDDED_THREADS, default on there); off by default, so commands and tests run in one thread.
   */
  threads?: boolean;
}

/** Opens the configured backend without waiting for servers (call verify() before serving). */
export function openBackend(
  settings: BackendSettings,
  log: BackendLog,
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
  options: OpenBackendOptions = {},
): Backend {
  const backend = settings.backend ?? { kind: 'embedded' };
  const readPool = settings.readPool ?? DEFAULT_READ_POOL;
  return backend.kind === 'distributed'
    ? new DistributedBackend(backend, log, connectTimeoutMs, readPool.budgetMs)
    : new EmbeddedBackend(settings.dataDir, options.existing ?? false, options.threads ?? false, readPool);
}
