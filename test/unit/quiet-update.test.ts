import { expect } from '@open-wc/testing';
import { QuietUpdate } from '../../src/app/offline/quiet-update.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('A new version is applied only at a quiet moment', () => {
  it('applies at once, with the notice first, when the TV is at rest', () => {
    const seen: string[] = [];
    const updates = new QuietUpdate({ quiet: () => true, notify: () => seen.push('notice') });
    updates.offer(() => seen.push('applied'));
    expect(seen).to.deep.equal(['notice', 'applied']);
    expect(updates.waiting).to.equal(false);
  });

  it('waits through a call (or a ring, a reading, a reminder) and applies once it ends', async () => {
    let busy = true;
    let applied = 0;
    let notices = 0;
    const updates = new QuietUpdate({ quiet: () => !busy, notify: () => notices++, recheckMs: 10 });
    updates.offer(() => applied++);
    await tick(50);
    expect(applied).to.equal(0);
    expect(notices).to.equal(0);
    expect(updates.waiting).to.equal(true);
    busy = false;
    await tick(50);
    expect(applied).to.equal(1);
    expect(notices).to.equal(1);
    await tick(50);
    expect(applied).to.equal(1);
    updates.stop();
  });

  it('stop() leaves a waiting version waiting', async () => {
    let quiet = false;
    let applied = 0;
    const updates = new QuietUpdate({ quiet: () => quiet, notify: () => undefined, recheckMs: 10 });
    updates.offer(() => applied++);
    updates.stop();
    quiet = true;
    await tick(50);
    expect(applied).to.equal(0);
    updates.tryNow();
    expect(applied).to.equal(1);
  });
});
