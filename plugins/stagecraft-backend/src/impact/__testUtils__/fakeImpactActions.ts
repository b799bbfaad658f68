import type { ImpactActions } from '../types';

/** The impact service answering with empty analyses; tests override single answers. */
export function fakeImpactActions(): jest.Mocked<ImpactActions> {
  const answers: ImpactActions = {
    impact: async ({ ref }) => ({
      subjectRef: ref,
      componentRef: ref,
      environments: [],
      dependants: [],
      unreadableDependants: 0,
      ifUndeployed: [],
      ifEndpointRemoved: [],
      ifVisibilityNarrowed: [],
      capacity: [],
    }),
    previewPromotion: async ({ componentRef, from }) => ({
      componentRef,
      from,
      to: 'staging',
      releaseId: 'a'.repeat(64),
      changes: { opens: [], closes: [], evaluated: 0, unreadable: 0 },
      connections: { added: [], dropped: [], unreadable: 0 },
    }),
  };
  return {
    impact: jest.fn(answers.impact),
    previewPromotion: jest.fn(answers.previewPromotion),
  };
}
