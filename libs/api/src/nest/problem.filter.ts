import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
} from '@nestjs/common';
import { LOGGER } from '@policy-ledger/observability';
import { InvalidQueryError } from '@policy-ledger/rbac';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { InvalidCursorError } from '../keyset-cursor';
import { invalidRequest, type ProblemDetails, problem } from '../problem-details';

function isProblem(value: unknown): value is ProblemDetails {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    'title' in value &&
    'status' in value
  );
}

/** Nest's own messages ("Cannot GET /x") are fine to show; anything else from a 5xx is not. */
function detailOf(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Every error leaves the API as an RFC 9457 problem document: no stack traces, no SQL, no
 * driver messages. Unexpected errors are logged here with their stack and answered with a 500
 * that says only that.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const instance = request.url?.split('?')[0];
    let body: ProblemDetails;
    if (exception instanceof InvalidCursorError) {
      body = invalidRequest([{ field: 'cursor', problem: exception.message }], instance);
    } else if (exception instanceof InvalidQueryError) {
      body = invalidRequest(
        [{ field: exception.field, problem: exception.message.slice(exception.field.length + 2) }],
        instance,
      );
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      body = isProblem(response)
        ? { ...response, instance }
        : problem(status, status >= 500 ? undefined : detailOf(exception), { instance });
      const headers = (exception as { headers?: Record<string, string> }).headers;
      if (headers) for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    } else if (isFastifyClientError(exception)) {
      body = problem(exception.statusCode, exception.message, { instance });
    } else {
      this.logger.error(
        { err: exception, method: request.method, path: instance },
        'unhandled error',
      );
      body = problem(500, 'The server could not complete the request; it has been logged.', {
        instance,
      });
    }
    if (reply.sent) return;
    void reply
      .status(body.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(body);
  }
}

/** Fastify's own 4xx (malformed JSON, unsupported media type, body too large) carry a statusCode. */
function isFastifyClientError(error: unknown): error is { statusCode: number; message: string } {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
