import Ajv from 'ajv';
import { validateParameters } from './validateParameters';

const schemaText = JSON.stringify({
  type: 'object',
  properties: { size: { type: 'integer', minimum: 1, default: 2 } },
});

describe('validateParameters', () => {
  afterEach(() => jest.restoreAllMocks());

  it('fills defaults and reports problems with their parameter path', () => {
    const schema = JSON.parse(schemaText);
    expect(validateParameters(schema, {})).toEqual({
      parameters: { size: 2 },
      problems: [],
    });
    expect(validateParameters(schema, { size: 0 }).problems).toEqual([
      'parameters.size: must be >= 1',
    ]);
  });

  it('compiles an equal schema once, though the catalog parses a fresh copy for every component', () => {
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    const distinct = JSON.stringify({
      type: 'object',
      properties: { replicas: { type: 'integer' } },
    });
    for (let i = 0; i < 50; i++)
      validateParameters(JSON.parse(distinct), { replicas: i });
    expect(compile).toHaveBeenCalledTimes(1);
  });
});
