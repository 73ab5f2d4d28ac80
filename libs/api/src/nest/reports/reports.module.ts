import { type DynamicModule, Module } from '@nestjs/common';
import { ReportRunnerService } from './report-runner.service';
import { ReportsController } from './reports.controller';
import { REPORTS_OPTIONS, type ReportsOptions } from './reports-options';

/** Report runs and schedules over HTTP, and the job runner that renders them. */
@Module({})
export class ReportsModule {
  static forRoot(options: ReportsOptions): DynamicModule {
    return {
      module: ReportsModule,
      controllers: [ReportsController],
      providers: [{ provide: REPORTS_OPTIONS, useValue: options }, ReportRunnerService],
    };
  }
}
