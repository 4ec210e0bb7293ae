import { randomBytes } from 'node:crypto';

/** LiveKit-style ids: a prefix and 12 random characters. */
export function newSid(prefix: 'RM' | 'PA' | 'TR' | 'EG'): string {
  return `${prefix}_${randomBytes(9).toString('base64url').slice(0, 12)}`;
}
