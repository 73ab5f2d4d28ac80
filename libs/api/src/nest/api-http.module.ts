import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { ApiConfig } from '@policy-ledger/config';
import { API_CONFIG } from './api-config.token';
import { ChangeFeedService } from './change-feed.service';
import { ChangesController } from './changes.controller';
import { IntegrityController } from './integrity.controller';
import { IntegrityService } from './integrity.service';
import { InventoryController } from './inventory.controller';
import { ObjectsController } from './objects.controller';
import { ProblemFilter } from './problem.filter';
import { RbacController } from './rbac.controller';
import { RbacStateService } from './rbac-state.service';
import { schemaValidationPipe } from './schema-validation.pipe';

/** The HTTP API's routes (history, objects, integrity…), its validation and its error format. */
@Module({})
export class ApiHttpModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiHttpModule,
      controllers: [
        ChangesController,
        ObjectsController,
        InventoryController,
        IntegrityController,
        RbacController,
      ],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: schemaValidationPipe },
        ChangeFeedService,
        IntegrityService,
        RbacStateService,
      ],
      exports: [API_CONFIG],
    };
  }
}
