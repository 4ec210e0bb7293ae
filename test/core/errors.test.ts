import { expect } from '@open-wc/testing';
import { RtcError, mediaError } from '../../src/core/errors.js';

const domError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new DOMException('browser said no', name), extra);

describe('mediaError', () => {
  const cases: [unknown, string][] = [
    [domError('NotAllowedError'), 'permission-denied'],
    [domError('NotFoundError'), 'device-not-found'],
    [domError('NotReadableError'), 'device-in-use'],
    [domError('AbortError'), 'device-in-use'],
    [domError('SecurityError'), 'insecure-context'],
    [Object.assign(new Error('x'), { name: 'OverconstrainedError', constraint: 'deviceId' }), 'device-not-found'],
    [Object.assign(new Error('x'), { name: 'OverconstrainedError', constraint: 'width' }), 'constraints-unsatisfiable'],
    [new TypeError('bad constraints'), 'media-unsupported'],
    ['something odd', 'unknown'],
  ];
  for (const [error, code] of cases) {
    it(`maps ${(error as Error)?.name ?? error} to ${code}`, () => {
      const mapped = mediaError(error);
      expect(mapped).to.be.instanceOf(RtcError);
      expect(mapped.code).to.equal(code);
      expect(mapped.message).to.be.a('string').and.not.be.empty;
    });
  }

  it('keeps an RtcError as it is', () => {
    const original = new RtcError('device-in-use', 'busy');
    expect(mediaError(original)).to.equal(original);
  });
});
