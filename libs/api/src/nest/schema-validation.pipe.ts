import { BadRequestException, StandardSchemaValidationPipe } from '@nestjs/common';
import { invalidRequest } from '../problem-details';

type Issue = {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  keys?: string[];
};

function fieldOf(issue: Issue): string {
  // zod reports unknown parameters once, listing them, with an empty path.
  if (Array.isArray(issue.keys) && issue.keys.length > 0) return issue.keys.join(', ');
  const path = (issue.path ?? []).map((segment) =>
    String(typeof segment === 'object' ? segment.key : segment),
  );
  return path.length > 0 ? path.join('.') : '(request)';
}

/**
 * Validates every parameter that declares a schema (zod, through Standard Schema) and answers a
 * 400 problem that names each invalid field and its problem.
 */
export function schemaValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
    exceptionFactory: (issues) =>
      new BadRequestException(
        invalidRequest(
          (issues as readonly Issue[]).map((issue) => ({
            field: fieldOf(issue),
            problem: issue.message,
          })),
        ),
      ),
  });
}
