import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'orders:isPublic';

/** Marks a controller or handler as reachable without an API key (health, metrics, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
