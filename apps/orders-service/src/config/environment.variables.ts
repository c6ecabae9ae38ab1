import { plainToInstance } from 'class-transformer';
import { ValidateBy, validateSync } from 'class-validator';
import { parseAllowedHosts } from '@orders/automations';
import { ConfigError } from '@orders/backend';
import { BooleanVariable, IntegerVariable, OneOfVariable, OptionalTextVariable, TextVariable } from './env-variable.decorators';

/** Nest's level names, plus pino's names for the same levels. */
export const LOG_LEVEL_NAMES = ['error', 'warn', 'log', 'info', 'debug', 'verbose', 'trace'] as const;

/**
 * The environment schema: every variable the service reads, with its default and rule (class-validator,
 * as in Nest's configuration docs). To add a variable: declare it here, map it in `loadConfig()`
 * (app-config.ts) and add it to the README's table.
 */
export class EnvironmentVariables {
  @IntegerVariable({ default: 3000, min: 0, max: 65535 })
  PORT!: number;

  @TextVariable({ default: '127.0.0.1', pattern: /^[\w.:%-]{1,255}$/, message: 'must be a host name or an IP address' })
  HOST!: string;

  @TextVariable({ default: './data' })
  DATA_DIR!: string;

  @BooleanVariable({ default: true })
  PROJECTOR_ENABLED!: boolean;

  /** embedded backend: group commit (fsync) and projector on worker threads (docs/architecture.md "Threads") */
  @BooleanVariable({ default: true })
  EMBEDDED_THREADS!: boolean;

  @OneOfVariable(LOG_LEVEL_NAMES, { default: 'log' })
  LOG_LEVEL!: (typeof LOG_LEVEL_NAMES)[number];

  @IntegerVariable({ default: 1000, min: 0, max: 1_000_000_000 })
  READY_MAX_LAG!: number;

  @OptionalTextVariable({ pattern: /^[\x21-\x7e]{16,256}$/, message: 'must be 16–256 visible ASCII characters without spaces' })
  ADMIN_API_KEY?: string;

  @IntegerVariable({ default: 200, min: 0, max: 1_000_000 })
  RATE_LIMIT_PER_SECOND!: number;

  @IntegerVariable({ default: 30_000, min: 100, max: 3_600_000 })
  REQUEST_TIMEOUT_MS!: number;

  @BooleanVariable({ default: true })
  DISPATCHER_ENABLED!: boolean;

  @IntegerVariable({ default: 1000, min: 1, max: 3_600_000 })
  AUTOMATION_RETRY_BASE_MS!: number;

  @IntegerVariable({ default: 300_000, min: 1, max: 86_400_000 })
  AUTOMATION_RETRY_MAX_MS!: number;

  @IntegerVariable({ default: 12, min: 1, max: 1000 })
  AUTOMATION_MAX_ATTEMPTS!: number;

  @IntegerVariable({ default: 10_000, min: 100, max: 600_000 })
  AUTOMATION_TIMEOUT_MS!: number;

  /** how long delivered and cancelled deliveries are kept (hours); 0 keeps them for ever */
  @IntegerVariable({ default: 168, min: 0, max: 87_600 })
  AUTOMATION_RETENTION_HOURS!: number;

  /** automation targets on loopback, private, link-local and shared addresses are allowed (docs/api.md "Automation targets") */
  @BooleanVariable({ default: false })
  AUTOMATION_ALLOW_LOCAL_NETWORK!: boolean;

  /** comma-separated host names, IP addresses and CIDRs that are allowed although they are on the local network */
  @TextVariable({ default: '' })
  @ValidateBy({
    name: 'allowedHosts',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && typeof parseAllowedHosts(value) !== 'string',
      defaultMessage: (args) =>
        `must be comma-separated host names, IP addresses or CIDRs: ${String(parseAllowedHosts(String(args?.value)))}`,
    },
  })
  AUTOMATION_ALLOWED_HOSTS!: string;

  /** serve the order-view console at /console (GET / redirects there; else to /docs) */
  @BooleanVariable({ default: true })
  CONSOLE_ENABLED!: boolean;

  /** the built console (`npm run build:console`), relative to the working directory */
  @TextVariable({ default: 'dist/console' })
  CONSOLE_DIR!: string;

  /** worker threads running segment queries off the request thread (embedded backend); 0: on the request thread, no budget */
  @IntegerVariable({ default: 2, min: 0, max: 64 })
  READ_POOL_SIZE!: number;

  /** a segment query's time budget (ms), waiting for a read slot included; MongoDB: its maxTimeMS */
  @IntegerVariable({ default: 2000, min: 50, max: 600_000 })
  SEGMENT_QUERY_BUDGET_MS!: number;

  /** read-pool slots one API key may hold at once; its further queries wait their turn */
  @IntegerVariable({ default: 1, min: 1, max: 64 })
  READ_POOL_SLOTS_PER_KEY!: number;
}

/**
 * Validates the environment against the schema (the `validate` function of Nest's config docs). Throws a
 * ConfigError naming the first bad variable (and listing any others in its message).
 */
export function validateEnvironment(env: Record<string, unknown>): EnvironmentVariables {
  const variables = plainToInstance(EnvironmentVariables, env, { excludeExtraneousValues: true });
  const problems = validateSync(variables, { stopAtFirstError: true }).map(
    (error) => [error.property, Object.values(error.constraints ?? {})[0] ?? 'is invalid'] as const,
  );
  const [first, ...others] = problems;
  if (first) {
    const more = others.map(([variable, message]) => `; ${variable}: ${message}`).join('');
    throw new ConfigError(first[0], `${first[1]}${more}`);
  }
  return variables;
}
