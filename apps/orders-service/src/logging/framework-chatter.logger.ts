import type { LoggerService } from '@nestjs/common';

/**
 * Nest's start-up narration, logged at `log` (info) by the framework: one line per module
 * (InstanceLoader), per controller and per route (RoutesResolver, RouterExplorer — some 45 lines),
 * "Starting Nest application..." (NestFactory) and "Nest application successfully started"
 * (NestApplication, written by `init()` *before* the port is bound). All of it moves to `debug`: at the
 * default level the start-up log is our own lines, and "started" is said by main.ts once `listen`
 * has succeeded.
 */
export const FRAMEWORK_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

const contextOf = (params: unknown[]): unknown => params[params.length - 1];

/** Nest's LoggerService in front of the JSON logger (nestjs-pino): framework chatter at debug, the rest as called. */
export class FrameworkChatterLogger implements LoggerService {
  constructor(private readonly target: LoggerService & Required<Pick<LoggerService, 'debug'>>) {}

  log(message: unknown, ...params: unknown[]): void {
    if (FRAMEWORK_CHATTER.has(contextOf(params) as string)) this.target.debug(message, ...params);
    else this.target.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.target.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.target.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.target.debug(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    (this.target.verbose ?? this.target.debug).call(this.target, message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    (this.target.fatal ?? this.target.error).call(this.target, message, ...params);
  }
}
