/** What `withTimeout` rejects with when no other error is given. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** `promise`, or a rejection with `error()` once `ms` have passed without an answer. */
export function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error = () => new TimeoutError(`No answer within ${ms} ms.`)): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(error()), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
