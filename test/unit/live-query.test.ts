import { expect } from '@open-wc/testing';
import { LiveQuery } from '../../src/app/api/live-query.js';
import type { PushChannel, PushListener } from '../../src/app/api/push-channel.js';
import type { PushEvent } from '../../src/shared/consultations/schemas.js';

/** A push channel stand-in: the test says when the stream opens and what it brings. */
class FakePush {
  listeners = new Set<PushListener>();
  openers = new Set<() => void>();
  subscribe(listener: PushListener, opened?: () => void): () => void {
    this.listeners.add(listener);
    if (opened) this.openers.add(opened);
    return () => {
      this.listeners.delete(listener);
      if (opened) this.openers.delete(opened);
    };
  }
  opened(): void {
    for (const opened of this.openers) opened();
  }
  send(event: PushEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Reads the test answers one by one, in any order. */
function reads<T>() {
  const pending: ((value: T) => void)[] = [];
  return {
    read: () => new Promise<T>((resolve) => pending.push(resolve)),
    answer: (index: number, value: T) => pending[index]!(value),
    get count() {
      return pending.length;
    },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve));
const ringCancelled: PushEvent = { type: 'ring-cancelled', consultationId: 'c-1', answeredElsewhere: false };

describe('LiveQuery owned by a session (the waiting room’s form)', () => {
  it('reads on start and each time the stream opens; hears events between start and stop only', async () => {
    const push = new FakePush();
    const source = reads<number>();
    const heard: PushEvent[] = [];
    let updates = 0;
    const query = new LiveQuery<number>(
      { push: push as unknown as PushChannel, requestUpdate: () => (updates += 1) },
      { read: source.read, pushed: (event) => heard.push(event) },
    );
    const started = query.start();
    expect(source.count).to.equal(1);
    source.answer(0, 1);
    await started;
    expect(query.value).to.equal(1);
    expect(updates).to.equal(1);
    push.opened();
    expect(source.count).to.equal(2);
    source.answer(1, 2);
    await flush();
    expect(query.value).to.equal(2);
    push.send(ringCancelled);
    expect(heard).to.deep.equal([ringCancelled]);

    query.stop();
    push.send(ringCancelled);
    push.opened();
    expect(heard.length).to.equal(1);
    expect(source.count).to.equal(2);
    // A read under way when it stopped is not applied.
    void query.refresh();
    source.answer(2, 3);
    await flush();
    expect(query.value).to.equal(2);
  });

  it("'drop': a change made here overtakes a read under way, whose older answer is not applied", async () => {
    const push = new FakePush();
    const source = reads<string>();
    const applied: string[] = [];
    const query = new LiveQuery<string>(
      { push: push as unknown as PushChannel, requestUpdate: () => undefined },
      { read: source.read, applied: (value) => applied.push(value), overtakenByChange: 'drop' },
    );
    const started = query.start();
    query.change(() => 'joined');
    source.answer(0, 'not waiting');
    await started;
    expect(query.value).to.equal('joined');
    expect(applied).to.deep.equal([]);
    expect(source.count).to.equal(1);
  });

  it("'read-again' (a screen's default): the read under way is made again after a change", async () => {
    const push = new FakePush();
    const source = reads<string>();
    const query = new LiveQuery<string>(
      { push: push as unknown as PushChannel, requestUpdate: () => undefined },
      { read: source.read },
    );
    const started = query.start();
    query.change(() => 'pushed item');
    source.answer(0, 'old list');
    await flush();
    expect(source.count).to.equal(2);
    source.answer(1, 'new list');
    await started;
    expect(query.value).to.equal('new list');
  });
});
