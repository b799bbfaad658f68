import { requestVerb } from './requestVerb';

const server = 'https://127.0.0.1:6443';

describe('requestVerb', () => {
  it.each([
    ['GET', '/api/v1/namespaces/shop/configmaps/env', 'get'],
    ['GET', '/apis/apps/v1/namespaces/shop/deployments/api', 'get'],
    ['GET', '/apis/apps/v1/namespaces/shop/deployments/api/status', 'get'],
    ['GET', '/api/v1/namespaces/shop', 'get'],
    ['GET', '/api/v1/nodes/node-1', 'get'],
    ['GET', '/api/v1/namespaces', 'list'],
    ['GET', '/api/v1/namespaces/shop/configmaps', 'list'],
    ['GET', '/apis/apps/v1/deployments?labelSelector=a%3Db', 'list'],
    ['GET', '/apis/apps/v1/namespaces/shop/deployments?watch=true', 'watch'],
    ['GET', '/api/v1/pods?watch=1&resourceVersion=5', 'watch'],
    ['GET', '/api/v1/watch/namespaces/shop/pods', 'watch'],
    ['GET', '/apis/apps/v1', 'get'],
    ['GET', '/api', 'get'],
    ['GET', '/version', 'get'],
    ['POST', '/api/v1/namespaces/shop/configmaps', 'create'],
    ['POST', '/api/v1/namespaces/shop/configmaps?dryRun=All', 'create-dry-run'],
    ['PUT', '/api/v1/namespaces/shop/configmaps/env', 'update'],
    [
      'PUT',
      '/api/v1/namespaces/shop/configmaps/env?dryRun=All',
      'update-dry-run',
    ],
    [
      'PATCH',
      '/apis/apps/v1/namespaces/shop/deployments/api?fieldManager=stagecraft&force=true',
      'patch',
    ],
    [
      'PATCH',
      '/apis/apps/v1/namespaces/shop/deployments/api?dryRun=All&fieldManager=stagecraft',
      'patch-dry-run',
    ],
    ['DELETE', '/api/v1/namespaces/shop/configmaps/env', 'delete'],
    [
      'DELETE',
      '/api/v1/namespaces/shop/configmaps/env?dryRun=All',
      'delete-dry-run',
    ],
    ['delete', '/api/v1/namespaces/shop/configmaps', 'delete'],
  ])('calls %s %s a %s', (method, path, verb) => {
    expect(requestVerb(method, `${server}${path}`)).toBe(verb);
  });
});
