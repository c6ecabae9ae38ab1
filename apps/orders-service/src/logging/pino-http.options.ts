import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stdTimeFunctions } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config';
import { REDACTED, redactText, redactUrl } from './redact';
import { requestIdOf } from './request-id';

/** Nest's level names → pino's. */
export const PINO_LEVELS: Record<AppConfig['logLevel'], string> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Headers that carry secrets never reach a log line (the req serializer below logs no headers at all; this guards any that add them). */
const REDACTED_HEADERS = ['req.headers.apikey', 'req.headers["x-api-key"]', 'req.headers.authorization', 'req.headers.cookie'];

const QUIET_PATHS = /^\/(?:health\/|metrics(?:[/?]|$))/;

function prettyPrinterInstalled(): boolean {
  try {
    createRequire(__filename).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** pino-pretty for a person at a terminal (when it is installed: it is a dev dependency); JSON otherwise. */
export const prettyTransport = (stdoutIsTty = Boolean(process.stdout.isTTY)): Options['transport'] =>
  stdoutIsTty && prettyPrinterInstalled()
    ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
    : undefined;

/** pino-http settings: one JSON line per request with its id, status and time; 5xx as errors. */
export function pinoHttpOptions(config: Pick<AppConfig, 'logLevel'>): Options {
  const transport = prettyTransport();
  return {
    level: PINO_LEVELS[config.logLevel],
    timestamp: stdTimeFunctions.isoTime,
    // probes and scrapes every few seconds would drown the log (middie may rewrite `url`: the original counts)
    autoLogging: {
      ignore: (request: IncomingMessage & { originalUrl?: string }) => QUIET_PATHS.test(request.originalUrl ?? request.url ?? ''),
    },
    genReqId: (request: IncomingMessage) => requestIdOf(request),
    quietReqLogger: true,
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      error || response.statusCode >= 500 ? 'error' : 'info',
    // a 5xx without a thrown error: pino-http's synthetic "failed with status code" error adds only noise
    // (the ProblemFilter logs the real error with its stack)
    customErrorObject: (_request: IncomingMessage, _response: ServerResponse, error: Error, value: Record<string, unknown>) =>
      /^failed with status code \d+$/.test(error.message) ? { ...value, err: undefined } : value,
    serializers: {
      req: (request: { method?: string; url?: string; remoteAddress?: string }) => ({
        method: request.method,
        // `?apikey=…` (refused, but sent) and any parameter named like a key, token or secret: value redacted
        url: request.url === undefined ? undefined : redactUrl(request.url),
        remoteAddress: request.remoteAddress,
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    redact: { paths: REDACTED_HEADERS, censor: REDACTED },
    // every message, whoever logs it: URLs in it lose `user:password@` and secret-named query values
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg: unknown) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>);
      },
    },
    ...(transport ? { transport } : {}),
  };
}
