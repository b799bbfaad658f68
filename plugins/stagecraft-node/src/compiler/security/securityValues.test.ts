import { check } from './__fixtures__/check';
import { hardenedPodSpec, WORKLOADS } from './__fixtures__/workloads';

type Pod = any;
const deployment = (loosen: (pod: Pod) => void) => {
  const pod = hardenedPodSpec();
  loosen(pod);
  return WORKLOADS[0].object(pod);
};

describe('values the API server would refuse', () => {
  it.each([
    [
      'a string user 0 on a container',
      (pod: Pod) => (pod.containers[0].securityContext.runAsUser = '0'),
      'containers[0].securityContext.runAsUser is "0"',
    ],
    [
      'a string group on the pod',
      (pod: Pod) => (pod.securityContext.runAsGroup = '1000'),
      'securityContext.runAsGroup is "1000"',
    ],
    [
      'a fractional user',
      (pod: Pod) => (pod.initContainers[0].securityContext.runAsUser = 1000.5),
      'initContainers[0].securityContext.runAsUser is 1000.5',
    ],
    [
      'a negative user',
      (pod: Pod) => (pod.securityContext.runAsUser = -1),
      'securityContext.runAsUser is -1',
    ],
  ])('refuses %s, which no exception allows', (_, loosen, field) => {
    expect(check(deployment(loosen))).toEqual([
      expect.stringMatching(
        new RegExp(
          `spec\\.template\\.spec\\.${field.replace(
            /[.[\]]/g,
            '\\$&',
          )}, not an integer id; .*No exception allows it`,
        ),
      ),
    ]);
  });

  it('allows integer ids other than 0', () => {
    expect(
      check(
        deployment(pod => {
          pod.securityContext.runAsUser = 10001;
          pod.containers[0].securityContext.runAsGroup = 10001;
        }),
      ),
    ).toEqual([]);
  });
});

describe('how much of a value an error quotes', () => {
  const huge = 'a'.repeat(200_000);

  it.each([
    [
      'a hostPath',
      (pod: Pod) =>
        pod.volumes.push({ name: 'h', hostPath: { path: `/${huge}` } }),
    ],
    [
      'added capabilities',
      (pod: Pod) =>
        (pod.containers[0].securityContext.capabilities.add = [huge, huge]),
    ],
    [
      'an SELinux type',
      (pod: Pod) => (pod.securityContext.seLinuxOptions = { type: huge }),
    ],
  ])('quotes at most 80 characters of %s', (_, loosen) => {
    const [violation, ...rest] = check(deployment(loosen));
    expect(rest).toEqual([]);
    expect(violation).toContain('aaaa…');
    expect(violation.length).toBeLessThan(800);
  });

  it('quotes at most 80 characters of an object name or a label key', () => {
    const object: any = deployment(() => {});
    object.metadata.name = huge;
    object.spec.template.metadata.labels[`stagecraft.dev/${huge}`] = 'x';
    const [violation, ...rest] = check(object);
    expect(rest).toEqual([]);
    expect(violation).toMatch(
      /^trait "t" loosens security in Deployment shop-dev\/a+…: spec\.template\.metadata\.labels\["stagecraft\.dev\/a+…"\] is reserved/,
    );
    expect(violation.length).toBeLessThan(800);
  });
});
