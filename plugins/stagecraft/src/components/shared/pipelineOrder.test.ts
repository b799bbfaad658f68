import { inPipelineOrder } from './pipelineOrder';

const stages = ['dev', 'staging', 'production'].map(environment => ({
  environment,
  requiresApproval: environment === 'production',
}));

describe('inPipelineOrder', () => {
  it('puts alphabetically listed environments in pipeline order', () => {
    expect(inPipelineOrder(['dev', 'production', 'staging'], stages)).toEqual([
      'dev',
      'staging',
      'production',
    ]);
  });

  it('keeps environments outside the pipeline after it, in the given order', () => {
    expect(
      inPipelineOrder(['sandbox', 'production', 'demo', 'dev'], stages),
    ).toEqual(['dev', 'production', 'sandbox', 'demo']);
  });

  it('keeps the given order without a pipeline', () => {
    expect(inPipelineOrder(['b', 'a'], undefined)).toEqual(['b', 'a']);
  });
});
