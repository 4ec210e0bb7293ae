import type { IncomingMessage, ServerResponse } from 'node:http';

/** Why a request body could not be read: too large (413), not JSON or not an object (400). */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * How much of a body over the limit is still read (and thrown away) so the client is ready to hear the 413:
 * a server that stops reading makes the client's kernel see a reset, and the answer is lost with it.
 */
const DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * Reads a request's JSON body, at most `maxBytes` of it; an empty body is `{}`. A larger body is read to its
 * end without being kept (up to a few MiB; past that the answer goes at once) and refused with a 413 `BodyError`;
 * answer it with {@link sendJson} so the connection closes after the answer.
 */
export function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () => new BodyError(413, `the request body is over ${maxBytes} bytes`);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      chunks.length = 0;
      if (size > maxBytes + DRAIN_BYTES) {
        request.off('data', onData);
        request.pause();
        reject(tooLarge());
      }
    };
    request.on('data', onData);
    request.on('end', () => {
      if (size > maxBytes) return reject(tooLarge());
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(new BodyError(400, 'the body is not JSON'));
      }
    });
    request.on('error', reject);
  });
}

/** Reads a request's body as a JSON object (an empty body is `{}`); anything else is a 400 `BodyError`. */
export async function readJsonObject(request: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const body = await readJsonBody(request, maxBytes);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BodyError(400, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * Answers a request with JSON. After a 413 the connection closes once the answer is out: what is left of the
 * body is not read.
 */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const closing = status === 413;
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers, ...(closing ? { connection: 'close' } : {}) });
  response.end(JSON.stringify(body), () => {
    if (closing && !response.req.complete) response.req.socket.destroy();
  });
}
