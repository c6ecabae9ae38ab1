import { createRequire } from 'node:module';
import { type LoggerOptions, stdTimeFunctions } from 'pino';
import type { AppConfig } from '../config/app-config';
import { REDACTED, redactText, redactUrl } from './redact';

/** Nest's level names → pino's. */
export const PINO_LEVELS: Record<AppConfig['logLevel'], string> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Headers that carry secrets never reach a log line (the request line logs no headers at all; this guards any that add them). */
const REDACTED_HEADERS = ['req.headers.apikey', 'req.headers["x-api-key"]', 'req.headers.authorization', 'req.headers.cookie'];

const QUIET_PATHS = /^\/(?:health\/|metrics(?:[/?]|$))/;

/** Probes and scrapes every few seconds would drown the log: their requests get no line. */
export const isQuietPath = (url: string): boolean => QUIET_PATHS.test(url);

/** The level of a request's line: 5xx answers as errors, the rest as info. */
export const requestLogLevel = (statusCode: number): 'error' | 'info' => (statusCode >= 500 ? 'error' : 'info');

/** The `req` of a request's line: `?apikey=…` (refused, but sent) and any parameter named like a key, token or secret redacted. */
export const requestSummary = (method: string, url: string, remoteAddress: string | undefined) => ({
  method,
  url: redactUrl(url),
  remoteAddress,
});

function prettyPrinterInstalled(): boolean {
  try {
    createRequire(__filename).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** pino-pretty for a person at a terminal (when it is installed: it is a dev dependency); JSON otherwise. */
export const prettyTransport = (stdoutIsTty = Boolean(process.stdout.isTTY)): LoggerOptions['transport'] =>
  stdoutIsTty && prettyPrinterInstalled()
    ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
    : undefined;

/** The one pino logger's settings: level, ISO time, secrets redacted from every line whoever logs it. */
export function loggerOptions(config: Pick<AppConfig, 'logLevel'>): LoggerOptions {
  const transport = prettyTransport();
  return {
    level: PINO_LEVELS[config.logLevel],
    timestamp: stdTimeFunctions.isoTime,
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
