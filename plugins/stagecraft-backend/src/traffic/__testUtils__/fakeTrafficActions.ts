import type { EntityValidationActions } from '../../validation/EntityValidationService';
import type { TrafficActions, TrafficExplanation } from '../types';

export const trafficExplanation: TrafficExplanation = {
  allowed: false,
  reason:
    'component:default/checkout-api does not declare a dependency on endpoint:default/auth-http, and undeclared traffic stays blocked; the compiled policies deny it (egress of payments-staging/stagecraft-default-deny with no rule admitting port 8443).',
  fromRef: 'component:default/checkout-api',
  toRef: 'component:default/auth-service',
  endpointRef: 'endpoint:default/auth-http',
  environment: 'staging',
  evidence: {
    policies: [
      {
        namespace: 'payments-staging',
        name: 'stagecraft-default-deny',
        direction: 'egress',
        effect: 'isolates',
      },
    ],
    destinationPort: { port: 8443, protocol: 'TCP' },
  },
  nextStep:
    'add `dependsOn: endpoint:auth-http` to component:default/checkout-api (spec.dependsOn), then deploy the new release to staging',
};

/** The traffic service answering with the fixture above; tests override single answers. */
export function fakeTrafficActions(): jest.Mocked<TrafficActions> {
  const answers: TrafficActions = {
    explainTraffic: async () => trafficExplanation,
    getDependencies: async ({ componentRef, environment }) => ({
      componentRef,
      ...(environment ? { environment } : {}),
      dependsOn: [],
      dependedOnBy: [],
      unreadableConsumers: 0,
    }),
  };
  return {
    explainTraffic: jest.fn(answers.explainTraffic),
    getDependencies: jest.fn(answers.getDependencies),
  };
}

/** The validation service finding nothing wrong. */
export function fakeValidation(): jest.Mocked<EntityValidationActions> {
  const answers: EntityValidationActions = {
    validateEntities: async () => ({
      valid: true,
      compiled: true,
      problems: [],
    }),
  };
  return { validateEntities: jest.fn(answers.validateEntities) };
}
