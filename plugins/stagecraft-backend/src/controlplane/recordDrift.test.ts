import { describeDriftValue } from './recordDrift';

describe('describeDriftValue', () => {
  it('records scalars as JSON', () => {
    expect(describeDriftValue('spec.replicas', 5)).toBe('5');
    expect(
      describeDriftValue('spec.template.spec.containers[0].image', 'x:2'),
    ).toBe('"x:2"');
  });

  it('never records values under env or data, which hand edits may fill with secrets', () => {
    const path = 'spec.template.spec.containers[0].env';
    expect(describeDriftValue(path, [{ name: 'TOKEN', value: 's3cr3t' }])).toBe(
      '(not recorded)',
    );
    expect(describeDriftValue(`${path}[1].value`, 's3cr3t')).toBe(
      '(not recorded)',
    );
    expect(describeDriftValue('data.password', 'hunter2')).toBe(
      '(not recorded)',
    );
  });

  it('describes lists and objects by size only', () => {
    expect(describeDriftValue('spec.template.spec.containers', [{}, {}])).toBe(
      '(list of 2)',
    );
    expect(describeDriftValue('spec.selector', { a: 1 })).toBe(
      '(object with 1 fields)',
    );
    expect(describeDriftValue('spec.replicas', undefined)).toBeUndefined();
  });
});
