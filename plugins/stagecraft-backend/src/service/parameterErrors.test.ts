import { describeNumericParameter } from './parameterErrors';

describe('describeNumericParameter', () => {
  it('states the whole range, or the bound there is', () => {
    expect(
      describeNumericParameter({
        name: 'tailLines',
        in: 'query',
        schema: { type: 'integer', minimum: 0, maximum: 10000 },
      }),
    ).toBe('query parameter tailLines must be an integer from 0 to 10000');
    expect(
      describeNumericParameter({
        name: 'approvalId',
        in: 'path',
        schema: { type: 'integer', minimum: 1 },
      }),
    ).toBe('path parameter approvalId must be an integer of at least 1');
    expect(
      describeNumericParameter({
        name: 'ratio',
        in: 'query',
        schema: { type: 'number', maximum: 1 },
      }),
    ).toBe('query parameter ratio must be a number of at most 1');
  });
});
