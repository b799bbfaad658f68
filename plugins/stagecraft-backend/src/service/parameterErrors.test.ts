import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createOpenApiRouter, spec } from '../schema/openapi.generated';
import {
  describeNumericParameter,
  numericParameterErrors,
} from './parameterErrors';

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

describe('numericParameterErrors', () => {
  const LOGS =
    '/api/stagecraft/components/default/checkout-api/deployments/staging/logs';
  const TAIL_LINES =
    'query parameter tailLines must be an integer from 0 to 10000';
  const SINCE_SECONDS =
    'query parameter sinceSeconds must be an integer from 1 to 31536000';

  /**
   * The plugin's validator with every failure reported, as `allErrors` makes it: the message is
   * then several failures joined by ", " (`request/query/a must be integer, request/query/b
   * must be >= 1`). Without it the validator stops at the first, which createRouter's tests
   * cover; the rewording must not depend on which it is.
   */
  async function errorMessage(query: string) {
    const router = createOpenApiRouter({
      validatorOptions: {
        validateSecurity: false,
        validateRequests: {
          allErrors: true,
          coerceTypes: false,
          allowUnknownQueryParameters: false,
        },
      },
    });
    router.use(numericParameterErrors(spec));
    const app = express()
      .use('/api/stagecraft', router)
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
        }).error(),
      );
    const res = await request(app).get(`${LOGS}?${query}`);
    expect(res.status).toBe(400);
    return res.body.error.message as string;
  }

  it.each([
    ['tailLines=ten&sinceSeconds=abc', [TAIL_LINES, SINCE_SECONDS]],
    ['tailLines=1.5&sinceSeconds=0', [TAIL_LINES, SINCE_SECONDS]],
    ['tailLines=-1&sinceSeconds=99999999999', [TAIL_LINES, SINCE_SECONDS]],
    [
      'tailLines=ten&follow=maybe',
      [TAIL_LINES, 'request/query/follow must be boolean'],
    ],
  ])(
    'states the range of every bad numeric parameter at once (%s)',
    async (query, failures) => {
      const said = await errorMessage(query);
      expect(said.split('; ').sort()).toEqual([...failures].sort());
      expect(said).not.toMatch(/must be (integer|number|[<>])/);
    },
  );

  it('leaves a message with no numeric failure as the validator wrote it', async () => {
    const said = await errorMessage('follow=maybe&pod=Not_A_Pod');
    expect(said).toMatch(
      /^request\/query\/pod must match pattern "[^"]+", request\/query\/follow must be boolean$/,
    );
  });
});
