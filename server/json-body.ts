import type { IncomingMessage } from 'node:http';

/** Why a request body could not be read: too large (413), not JSON or not an object (400). */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a request's JSON body, at most `maxBytes` of it; an empty body is `{}`. */
export function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new BodyError(413, 'the request body is too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => {
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
