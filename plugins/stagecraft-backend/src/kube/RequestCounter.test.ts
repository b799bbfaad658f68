import { RequestCounter } from './RequestCounter';

describe('RequestCounter', () => {
  it('counts by verb and leaves out verbs never seen', () => {
    const counter = new RequestCounter();
    counter.record('get');
    counter.record('get');
    counter.record('patch-dry-run');
    counter.record('patch');
    expect(counter.counts()).toEqual({ get: 2, 'patch-dry-run': 1, patch: 1 });
  });

  it('hands out snapshots that later requests do not change', () => {
    const counter = new RequestCounter();
    counter.record('list');
    const before = counter.counts();
    counter.record('list');
    expect(before).toEqual({ list: 1 });
    expect(counter.counts()).toEqual({ list: 2 });
  });

  it('counts as writes only requests that changed stored state', () => {
    const counter = new RequestCounter();
    for (const verb of [
      'get',
      'list',
      'watch',
      'patch-dry-run',
      'create-dry-run',
      'delete-dry-run',
      'update-dry-run',
    ] as const) {
      counter.record(verb);
    }
    expect(counter.writes()).toBe(0);
    for (const verb of ['create', 'update', 'patch', 'delete'] as const) {
      counter.record(verb);
    }
    expect(counter.writes()).toBe(4);
  });

  it('starts again from zero after a reset', () => {
    const counter = new RequestCounter();
    counter.record('delete');
    counter.reset();
    expect(counter.counts()).toEqual({});
    expect(counter.writes()).toBe(0);
  });
});
