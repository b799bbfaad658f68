import { formatDiff } from './formatDiff';

describe('formatDiff', () => {
  const diff = {
    differences: ['images differ: a:1 in dev, a:2 in staging'],
    manifestDiff:
      '--- a/dev.yaml\n+++ b/staging.yaml\n-  image: a:1\n+  image: a:2\n',
  };

  it('prints the differences and how long the manifest diff is', () => {
    expect(formatDiff(diff, { from: 'dev', to: 'staging' })).toBe(
      '- images differ: a:1 in dev, a:2 in staging\nthe rendered manifests differ in a 4-line diff: --manifests prints it\n',
    );
  });

  it('prints the manifest diff with --manifests, escape sequences inert', () => {
    expect(
      formatDiff(
        { ...diff, manifestDiff: `${diff.manifestDiff}+  x: "\x1b[2J"\n` },
        { from: 'dev', to: 'staging', manifests: true },
      ),
    ).toBe(
      '- images differ: a:1 in dev, a:2 in staging\n\n--- a/dev.yaml\n+++ b/staging.yaml\n-  image: a:1\n+  image: a:2\n+  x: "\\x1b[2J"\n',
    );
  });

  it('says when nothing differs', () => {
    expect(
      formatDiff(
        { differences: [], manifestDiff: '' },
        { from: 'dev', to: 'staging' },
      ),
    ).toBe(
      'dev and staging run the same release, images, replicas and settings\nthe rendered manifests are the same\n',
    );
  });
});
