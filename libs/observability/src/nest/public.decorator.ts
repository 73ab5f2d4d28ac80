import { SetMetadata } from '@nestjs/common';

/** Metadata key the access guard reads: a route marked with it needs no authentication. */
export const IS_PUBLIC_ROUTE = 'policy-ledger:public-route';

/** Opens a route (or a controller's routes) to callers without a token: probes and metrics only. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_ROUTE, true);
