import { fixOrRollback } from '../lastGoodRelease';
import {
  containersOf,
  containerStatusEvidence,
  podCount,
  podEvents,
} from '../podEvidence';
import type { DiagnosisRule } from '../types';

/** Waiting reasons of a container whose image cannot be pulled. */
const PULL_FAILURES = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
]);

/** A container whose image the node cannot pull: a wrong name or tag, or a private registry. */
export const imagePullRule: DiagnosisRule = {
  name: 'image-pull',
  checks:
    'images that cannot be pulled (ErrImagePull, ImagePullBackOff, InvalidImageName)',
  diagnose(evidence) {
    const failing = containersOf(evidence).filter(({ container }) =>
      PULL_FAILURES.has(container.stateReason ?? ''),
    );
    if (failing.length === 0) return [];
    const { pod, container } = failing[0];
    const { nextStep, history } = fixOrRollback(
      evidence,
      `Fix the image reference ${container.image} (its name, tag or registry access) in the component's intent and deploy again.`,
    );
    return [
      {
        rule: this.name,
        severity: 'critical',
        summary: `Image ${container.image} of container ${
          container.name
        } cannot be pulled (${container.stateReason}) in ${podCount(
          evidence,
          failing.map(f => f.pod.name),
        )}.`,
        evidence: [
          ...containerStatusEvidence(pod, container),
          ...podEvents(evidence, pod, ['Failed', 'BackOff', 'InspectFailed']),
          ...history,
        ],
        nextStep,
      },
    ];
  },
};
