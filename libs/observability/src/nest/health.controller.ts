import { Controller, Get, Header, HttpException, HttpStatus } from '@nestjs/common';
import { register } from 'prom-client';
import { assessReadiness, type ReadinessReport } from '../readiness';
import { Public } from './public.decorator';
import { ReadinessRegistry } from './readiness.registry';

/** Liveness, readiness and Prometheus metrics: the three routes that need no authentication. */
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Public()
  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('readyz')
  async ready(): Promise<ReadinessReport> {
    const report = await assessReadiness(this.readiness.all());
    if (!report.ready) throw new HttpException(report, HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  @Public()
  @Get('metrics')
  @Header('content-type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
