import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';

const ORDER: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/**
 * Nest's own logger until the JSON logger (nestjs-pino) takes over in create-app: JSON lines too, at
 * LOG_LEVEL, so that even a start that fails inside Nest (before `useLogger`) writes no plain text to
 * stdout. Errors go to stderr.
 */
export const fallbackLogger = (logLevel: AppConfig['logLevel']): ConsoleLogger =>
  new ConsoleLogger({ json: true, colors: false, logLevels: ORDER.slice(ORDER.indexOf(logLevel)) });
