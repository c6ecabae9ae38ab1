import type { AddressInfo } from 'node:net';
import type { Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type Listener, TargetPolicy } from '@orders/automations';
import type { AutomationConfig } from '../config/app-config';
import { AUTOMATION_CONFIG, AUTOMATION_TARGET_POLICY } from './automation.tokens';

/** where this service listens, once it does (the port may be 0 in the configuration) */
function listenersOf(adapterHost: HttpAdapterHost): Listener[] {
  const server = adapterHost.httpAdapter?.getHttpServer() as { address?: () => AddressInfo | string | null } | undefined;
  const address = server?.address?.();
  return address && typeof address === 'object' ? [{ address: address.address, port: address.port }] : [];
}

/** The automation target policy of this process: AUTOMATION_ALLOW_LOCAL_NETWORK, AUTOMATION_ALLOWED_HOSTS and its own listener. */
export const automationTargetPolicyProvider: Provider = {
  provide: AUTOMATION_TARGET_POLICY,
  useFactory: (config: AutomationConfig, adapterHost: HttpAdapterHost) =>
    new TargetPolicy({
      allowLocalNetwork: config.allowLocalNetwork,
      allowedHosts: config.allowedHosts,
      listeners: () => listenersOf(adapterHost),
    }),
  inject: [AUTOMATION_CONFIG, HttpAdapterHost],
};
