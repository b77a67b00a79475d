/**
 * Built-ins newer than Chromium 76 (shared/design/tv-ui.md) that livekit-client and machina, its
 * state-machine library, call without checking first. Installed just before livekit-client
 * loads, so the Home screen carries none of this. The list is not a guess:
 * scripts/check-build-target.mjs finds every newer built-in in the built output and fails the
 * build when one is neither installed here nor checked for by the code that uses it.
 */
export function installLegacyBuiltins(): void {
  // Chromium 93.
  if (!('hasOwn' in Object)) {
    define(Object, 'hasOwn', (target: object, key: PropertyKey) =>
      Object.prototype.hasOwnProperty.call(target, key),
    );
  }
  // Chromium 92.
  if (!('at' in Array.prototype)) {
    const at = function (this: ArrayLike<unknown>, index: number) {
      const i = Math.trunc(index) || 0;
      const position = i < 0 ? this.length + i : i;
      return position >= 0 && position < this.length ? this[position] : undefined;
    };
    const typedArray = Object.getPrototypeOf(Int8Array.prototype) as object;
    for (const prototype of [Array.prototype, String.prototype, typedArray]) define(prototype, 'at', at);
  }
  // Chromium 92.
  if (typeof crypto !== 'undefined' && !('randomUUID' in crypto)) {
    define(crypto, 'randomUUID', () => {
      // RFC 9562 §5.4: version 4, variant 10.
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
      bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
      const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    });
  }
  // Chromium 84. A weak reference cannot be made before it; a strong one keeps the target alive
  // until the call ends and its objects go, which is what machina needs to work at all.
  if (typeof WeakRef === 'undefined') {
    define(
      globalThis,
      'WeakRef',
      class<T extends object> {
        constructor(private readonly target: T) {}
        deref(): T {
          return this.target;
        }
      },
    );
  }
}

function define(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: false });
}
