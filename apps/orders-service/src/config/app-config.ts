import { resolve } from 'node:path';
import { validateEnvironment } from './environment.variables';
import { type AllowedHosts, parseAllowedHosts } from '@orders/automations';
import { type BackendConfig, loadBackendConfig, type ReadPoolSettings } from '@orders/backend';

export { ConfigError } from '@orders/backend';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** run the projector in this process (one projector per data set) */
  projectorEnabled: boolean;
  /** EMBEDDED_THREADS: the embedded backend commits appends and runs the projector on worker threads */
  embeddedThreads: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** READY_MAX_LAG: /health/ready fails while the projector is more than this many events behind the head */
  readyMaxLag: number;
  /** ADMIN_API_KEY: seeds (or re-seeds) the API key named `admin` with scope `admin` at start */
  adminApiKey?: string;
  /** RATE_LIMIT_PER_SECOND: requests per second per API key; 0 disables the limit */
  rateLimitPerSecond: number;
  /** REQUEST_TIMEOUT_MS: receiving a request, and any idle socket, is bounded by this */
  requestTimeoutMs: number;
  /** automation trigger delivery (README "Actions and automations") */
  automations: AutomationConfig;
  /** EVENTSTORE_URL + MONGODB_URL: the distributed backend; neither: embedded (the default when absent) */
  backend?: BackendConfig;
  /** the order-view console (console/console-static.ts); absent: served from ./dist/console */
  console?: ConsoleConfig;
  /** READ_POOL_SIZE, SEGMENT_QUERY_BUDGET_MS, READ_POOL_SLOTS_PER_KEY: where segment queries run and for how long */
  readPool: ReadPoolSettings;
}

export interface ConsoleConfig {
  /** CONSOLE_ENABLED: serve the console at /console; GET / redirects to it (to /docs when off) */
  enabled: boolean;
  /** CONSOLE_DIR: the built console's directory (absolute) */
  dir: string;
}

export interface AutomationConfig {
  /** DISPATCHER_ENABLED: run the trigger dispatcher in this process (one per data set) */
  dispatcherEnabled: boolean;
  /** AUTOMATION_RETRY_BASE_MS: first retry delay; doubles per attempt */
  retryBaseMs: number;
  /** AUTOMATION_RETRY_MAX_MS: cap of the retry delay */
  retryMaxMs: number;
  /** AUTOMATION_MAX_ATTEMPTS: attempts before a delivery goes to the dead-letter list */
  maxAttempts: number;
  /** AUTOMATION_TIMEOUT_MS: one delivery attempt's HTTP timeout */
  timeoutMs: number;
  /** AUTOMATION_RETENTION_HOURS: delivered and cancelled deliveries older than this are pruned; 0 keeps them */
  retentionHours: number;
  /** AUTOMATION_ALLOW_LOCAL_NETWORK: targets on loopback, private, link-local and shared addresses are allowed */
  allowLocalNetwork: boolean;
  /** AUTOMATION_ALLOWED_HOSTS: host names and networks allowed although on the local network */
  allowedHosts: AllowedHosts;
}

/** pino's level names map onto Nest's. */
const LOG_LEVEL_ALIASES: Record<string, AppConfig['logLevel']> = { info: 'log', trace: 'verbose' };

/**
 * Reads and validates the configuration (schema: environment.variables.ts); a bad value throws a
 * ConfigError naming the variable. To add a variable, declare it in EnvironmentVariables and map it here.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const variables = validateEnvironment(env);
  return {
    port: variables.PORT,
    host: variables.HOST,
    dataDir: resolve(variables.DATA_DIR),
    projectorEnabled: variables.PROJECTOR_ENABLED,
    embeddedThreads: variables.EMBEDDED_THREADS,
    logLevel: LOG_LEVEL_ALIASES[variables.LOG_LEVEL] ?? (variables.LOG_LEVEL as AppConfig['logLevel']),
    readyMaxLag: variables.READY_MAX_LAG,
    ...(variables.ADMIN_API_KEY ? { adminApiKey: variables.ADMIN_API_KEY } : {}),
    rateLimitPerSecond: variables.RATE_LIMIT_PER_SECOND,
    requestTimeoutMs: variables.REQUEST_TIMEOUT_MS,
    automations: {
      dispatcherEnabled: variables.DISPATCHER_ENABLED,
      retryBaseMs: variables.AUTOMATION_RETRY_BASE_MS,
      retryMaxMs: variables.AUTOMATION_RETRY_MAX_MS,
      maxAttempts: variables.AUTOMATION_MAX_ATTEMPTS,
      timeoutMs: variables.AUTOMATION_TIMEOUT_MS,
      retentionHours: variables.AUTOMATION_RETENTION_HOURS,
      allowLocalNetwork: variables.AUTOMATION_ALLOW_LOCAL_NETWORK,
      allowedHosts: parseAllowedHosts(variables.AUTOMATION_ALLOWED_HOSTS) as AllowedHosts, // validated above
    },
    backend: loadBackendConfig(env),
    console: { enabled: variables.CONSOLE_ENABLED, dir: resolve(variables.CONSOLE_DIR) },
    readPool: {
      size: variables.READ_POOL_SIZE,
      budgetMs: variables.SEGMENT_QUERY_BUDGET_MS,
      slotsPerKey: variables.READ_POOL_SLOTS_PER_KEY,
    },
  };
}
