import { kubernetesNameProblem } from './kubernetesNames';

describe('kubernetesNameProblem', () => {
  it.each(['checkout-api', 'a', 'api2', 'x'.repeat(63)])(
    'accepts the DNS-1123 label %s',
    name => expect(kubernetesNameProblem(name)).toBeUndefined(),
  );

  it.each([
    ['Checkout', 'checkout'],
    ['payments_api', 'payments-api'],
    ['Payments_API', 'payments-api'],
    ['api.v2', 'api-v2'],
  ])('refuses %s and suggests %s', (name, suggestion) => {
    expect(kubernetesNameProblem(name)).toBe(
      `"${name}" cannot be used in Kubernetes names: use lower-case letters, digits and "-" (at most 63 characters, starting and ending with a letter or digit), e.g. "${suggestion}"`,
    );
  });

  it('refuses a name longer than a label and suggests one that fits', () => {
    const problem = kubernetesNameProblem(`${'a'.repeat(60)}-bbbbb`);
    expect(problem).toMatch(/at most 63 characters/);
    expect(problem).toContain(`e.g. "${'a'.repeat(60)}-bb"`);
  });
});
