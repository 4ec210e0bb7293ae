import { expect } from '@open-wc/testing';
import { Store, lazyReadable, readonly, select } from '../../src/core/readable.js';

describe('Store', () => {
  it('gives the current value at once and every change after, until unsubscribed', () => {
    const store = new Store(1);
    const seen: number[] = [];
    const stop = store.subscribe((value) => seen.push(value));
    store.set(2);
    store.set(2);
    store.update((value) => value + 1);
    stop();
    store.set(4);
    expect(seen).to.deep.equal([1, 2, 3]);
    expect(store.get()).to.equal(4);
  });

  it('lets a listener unsubscribe while being notified without skipping the others', () => {
    const store = new Store('a');
    const seen: string[] = [];
    const stopFirst: () => void = store.subscribe((value) => {
      if (value === 'b') stopFirst();
    });
    store.subscribe((value) => seen.push(value));
    store.set('b');
    store.set('c');
    expect(seen).to.deep.equal(['a', 'b', 'c']);
    expect(store.listenerCount).to.equal(1);
  });

  it('hides set behind readonly()', () => {
    const view = readonly(new Store(0));
    expect((view as unknown as { set?: unknown }).set).to.equal(undefined);
    expect(view.get()).to.equal(0);
  });
});

describe('lazyReadable', () => {
  it('runs its producer only while someone listens', () => {
    let running = 0;
    let push: (value: number) => void = () => undefined;
    const level = lazyReadable(0, (set) => {
      running++;
      push = set;
      return () => running--;
    });
    expect(running).to.equal(0);
    const seen: number[] = [];
    const stopA = level.subscribe((v) => seen.push(v));
    const stopB = level.subscribe(() => undefined);
    expect(running).to.equal(1);
    push(0.5);
    stopA();
    expect(running).to.equal(1);
    stopB();
    expect(running).to.equal(0);
    expect(seen).to.deep.equal([0, 0.5]);
  });
});

describe('select', () => {
  it('notifies only when the selected part changes by the given equality', () => {
    const people = new Store([{ id: 'a', speaking: false }, { id: 'b', speaking: false }]);
    const alice = select(people, (list) => list.find((p) => p.id === 'a'), (x, y) => x?.speaking === y?.speaking);
    const seen: boolean[] = [];
    const stop = alice.subscribe((p) => seen.push(p!.speaking));
    people.set([{ id: 'a', speaking: false }, { id: 'b', speaking: true }]);
    people.set([{ id: 'a', speaking: true }, { id: 'b', speaking: true }]);
    stop();
    people.set([{ id: 'a', speaking: false }, { id: 'b', speaking: true }]);
    expect(seen).to.deep.equal([false, true]);
    expect(alice.get()!.speaking).to.equal(false);
  });
});
