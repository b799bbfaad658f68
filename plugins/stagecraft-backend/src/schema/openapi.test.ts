import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { spec } from './openapi.generated';

describe('openapi.generated.ts', () => {
  it('holds the spec of openapi.yaml (regenerate it after editing the yaml)', () => {
    const yaml = parse(
      readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'),
    );

    expect(spec).toEqual(yaml);
  });
});
