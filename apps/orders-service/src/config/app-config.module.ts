import type { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { AppConfig } from './app-config';

/**
 * Serves the validated AppConfig through @nestjs/config: inject `ConfigService<AppConfig, true>` and
 * read `config.get('readyMaxLag', { infer: true })`. Validation happened in loadConfig() before the app
 * was built, so this module reads neither .env files nor process.env.
 */
export const appConfigModule = (config: AppConfig): Promise<DynamicModule> =>
  ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    validatePredefined: false,
    skipProcessEnv: true,
    load: [() => ({ ...config })],
  });
