import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { API_KEY_STORE, type ApiKeyStore } from '@orders/api-keys';
import { BACKEND, type Backend } from '@orders/backend';
import type { AppConfig } from '../config/app-config';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ApiKeyGuard } from './api-key.guard';

const AUTH_CONFIG = Symbol('AUTH_CONFIG');
const logger = new Logger('ApiKeys');

/** Seeds keys before the service listens and closes the key store on shutdown. */
@Injectable()
class ApiKeySeeding implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AppConfig,
    @Inject(API_KEY_STORE) private readonly store: ApiKeyStore,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.adminApiKey) {
      const outcome = await this.store.seed('admin', this.config.adminApiKey, ['admin']);
      if (outcome !== 'unchanged') logger.log(`admin key from ADMIN_API_KEY ${outcome}`);
      return;
    }
    const created = await this.store.createIfEmpty('admin', ['admin']);
    if (created) {
      // Never open by default: the first start makes a key and shows it exactly once — to the person at
      // the console (stderr, plain text), never in the JSON log on stdout that a log shipper keeps.
      process.stderr.write(
        `orders-service: no API key existed, so an admin key named 'admin' was created. It is shown only now:\n` +
          `  ${created.key}\n` +
          `Send it in the 'apikey' header; create narrower keys with 'npm run cli -- keys create'.\n`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * API keys (SPEC §2, §7): the key store (`DATA_DIR/keys.sqlite`, or MongoDB on the distributed backend), the request authenticator and the
 * global guard. The rate limit and the onRequest identification hook are wired in configure-auth.ts.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: API_KEY_STORE, useFactory: (backend: Backend) => backend.apiKeys(), inject: [BACKEND] },
        ApiKeyAuthenticator,
        ApiKeySeeding,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
      ],
      exports: [API_KEY_STORE, ApiKeyAuthenticator],
    };
  }
}
