import { serverSideApplyPath } from './applyPath';

describe('serverSideApplyPath', () => {
  it('puts a namespaced object of a grouped kind under its namespace', () => {
    expect(
      serverSideApplyPath(
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'svc-0', namespace: 'p0-dev' },
        },
        'bench',
      ),
    ).toBe(
      '/apis/apps/v1/namespaces/p0-dev/deployments/svc-0?fieldManager=bench&force=true&fieldValidation=Ignore',
    );
  });

  it('puts a Namespace at the cluster scope of the core group', () => {
    expect(
      serverSideApplyPath(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'p0-dev' } },
        'ideal client',
      ),
    ).toBe(
      '/api/v1/namespaces/p0-dev?fieldManager=ideal+client&force=true&fieldValidation=Ignore',
    );
  });

  it('escapes names and refuses kinds it has no plural for', () => {
    expect(
      serverSideApplyPath(
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'a/b', namespace: 'n' },
        },
        'bench',
      ),
    ).toBe(
      '/api/v1/namespaces/n/configmaps/a%2Fb?fieldManager=bench&force=true&fieldValidation=Ignore',
    );
    expect(() =>
      serverSideApplyPath(
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: 'r' },
        },
        'bench',
      ),
    ).toThrow('Role is not a managed kind');
  });
});
