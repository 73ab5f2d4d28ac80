import { Injectable } from '@nestjs/common';
import type { ReadinessCheck } from '../readiness';

/** Modules register what readiness depends on; the health controller asks them all. */
@Injectable()
export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  all(): readonly ReadinessCheck[] {
    return this.checks;
  }
}
