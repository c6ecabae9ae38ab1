import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { ApplicationError } from '@orders/application';
import { ApiError } from '../common/problem/api-error';
import { MetricsService } from './metrics.service';

/** `accepted`, the stable code of an application error or ApiError (`ORDER_ALREADY_EXISTS`, …), or `error` for anything unexpected. */
export const commandOutcome = (error?: unknown): string => {
  if (error === undefined) return 'accepted';
  return error instanceof ApplicationError || error instanceof ApiError ? error.code : 'error';
};

/**
 * Counts commands by class name and outcome at the CommandBus, so that every command handler is
 * covered without touching it: `execute` is wrapped once when the module starts.
 */
@Injectable()
export class CommandMetricsHook implements OnModuleInit {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const bus = this.commandBus as unknown as { execute: (command: ICommand, ...rest: unknown[]) => Promise<unknown> };
    const execute = bus.execute.bind(this.commandBus);
    bus.execute = async (command, ...rest) => {
      const labels = (error?: unknown) => ({ command: command?.constructor?.name ?? 'unknown', outcome: commandOutcome(error) });
      try {
        const result = await execute(command, ...rest);
        this.metrics.commands.inc(labels());
        return result;
      } catch (error) {
        this.metrics.commands.inc(labels(error));
        throw error;
      }
    };
  }
}
