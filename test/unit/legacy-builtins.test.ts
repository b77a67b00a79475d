import { expect } from '@open-wc/testing';
import { installLegacyBuiltins } from '../../src/app/call/legacy-builtins.js';

/** Removes built-ins as a Chromium 76 TV lacks them, runs the body, and puts them back. */
function withoutBuiltins(body: () => void): void {
  const removed: [object, string][] = [
    [Object, 'hasOwn'],
    [Array.prototype, 'at'],
    [String.prototype, 'at'],
    [Object.getPrototypeOf(Int8Array.prototype) as object, 'at'],
    [Object.getPrototypeOf(crypto) as object, 'randomUUID'],
    [globalThis, 'WeakRef'],
  ];
  const saved = removed.map(([target, name]) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, name)!;
    Reflect.deleteProperty(target, name);
    return () => Object.defineProperty(target, name, descriptor);
  });
  try {
    body();
  } finally {
    // The polyfill went on the crypto object itself, in front of its prototype.
    Reflect.deleteProperty(crypto, 'randomUUID');
    for (const restore of saved) restore();
  }
}

describe('built-ins livekit-client needs on Chromium 76 TVs', () => {
  it('are installed when missing and behave like the real ones', () => {
    withoutBuiltins(() => {
      expect('hasOwn' in Object).to.equal(false);
      installLegacyBuiltins();
      const hasOwn = (Object as unknown as { hasOwn(o: object, k: string): boolean }).hasOwn;
      expect(hasOwn({ a: 1 }, 'a')).to.equal(true);
      expect(hasOwn({ a: 1 }, 'toString')).to.equal(false);
      expect([1, 2, 3].at(-1)).to.equal(3);
      expect([1, 2, 3].at(0)).to.equal(1);
      expect([1, 2, 3].at(3)).to.equal(undefined);
      expect('abc'.at(-2)).to.equal('b');
      expect(new Uint8Array([7, 8]).at(-1)).to.equal(8);
      const uuid = crypto.randomUUID();
      expect(uuid).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(crypto.randomUUID()).to.not.equal(uuid);
      const target = {};
      expect(new WeakRef(target).deref()).to.equal(target);
      // Not enumerable: `for…in` over arrays is unchanged.
      expect(Object.keys(Array.prototype)).to.deep.equal([]);
    });
  });

  it('leave the engine’s own built-ins alone where they exist', () => {
    const realAt = Array.prototype.at;
    const RealWeakRef = WeakRef;
    installLegacyBuiltins();
    expect(Array.prototype.at).to.equal(realAt);
    expect(WeakRef).to.equal(RealWeakRef);
  });
});
