import { LocalRepositories } from './LocalRepositories';

const options = (directory: string, platformDirectory: string) => ({
  directory,
  platformDirectory,
  catalogTimeoutSeconds: 1,
});

describe('LocalRepositories', () => {
  it.each([
    ['/srv/repos', '/srv/repos'],
    ['/srv/repos', '/srv/repos/platform'],
    ['/srv/repos/components', '/srv/repos'],
  ])(
    'refuses a directory %s and a platform directory %s that contain one another',
    (directory, platform) => {
      // Else a component repository named "platform" would be read with the platform kinds' rule.
      expect(() => new LocalRepositories(options(directory, platform))).toThrow(
        /must not contain one another/,
      );
    },
  );

  it('finds the repository of a file location inside the directory, and only there', () => {
    const repositories = new LocalRepositories(
      options('/srv/repos', '/srv/platform'),
    );
    expect(
      repositories.repositoryOfLocation(
        'file:/srv/repos/api/catalog-info.yaml',
      ),
    ).toEqual({ name: 'api', filePath: 'catalog-info.yaml' });
    for (const location of [
      'file:/srv/repos/../platform/all.yaml',
      'file:/srv/platform/all.yaml',
      'file:/srv/repos/catalog-info.yaml',
      'url:https://github.com/acme/api/blob/main/catalog-info.yaml',
    ])
      expect(repositories.repositoryOfLocation(location)).toBeUndefined();
  });
});
