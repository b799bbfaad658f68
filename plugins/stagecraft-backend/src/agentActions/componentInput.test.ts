import { InputError } from '@backstage/errors';
import { componentRefOfInput } from './componentInput';

describe('componentRefOfInput', () => {
  it.each([
    ['checkout-api'],
    ['component:checkout-api'],
    ['component:default/checkout-api'],
    ['Component:default/checkout-api'],
    [' checkout-api '],
  ])('reads %j as component:default/checkout-api', written => {
    expect(componentRefOfInput(written)).toBe('component:default/checkout-api');
  });

  it.each([
    ['system:default/checkout-api', 'another kind'],
    ['endpoint:checkout-api', 'another kind'],
    ['component:other/checkout-api', 'another namespace'],
    ['default/checkout-api', 'a namespace without the kind'],
    ['component:default/a/b', 'a path'],
    ['checkout api', 'a space'],
    ['-checkout', 'a name that starts with a dash'],
    ['a'.repeat(64), 'a name longer than 63'],
    ['', 'nothing'],
    ['component:', 'a kind without a name'],
  ])('refuses %j (%s) with the expected form', written => {
    expect(() => componentRefOfInput(written)).toThrow(InputError);
    expect(() => componentRefOfInput(written)).toThrow(
      /component:default\/<name>/,
    );
  });
});
