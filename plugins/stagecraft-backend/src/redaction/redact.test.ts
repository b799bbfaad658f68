import { publicErrorText, redact } from './redact';

describe('redact', () => {
  it('masks URL user information and the given secrets', () => {
    expect(
      redact('push to https://bot:s3cret@git.example/x failed: s3cret', [
        's3cret',
      ]),
    ).toBe('push to https://***@git.example/x failed: ***');
  });
});

describe('publicErrorText', () => {
  it('masks credentials, query strings and user information', () => {
    const text = publicErrorText(
      'request to https://admin:pw@127.0.0.1:6443/api/v1/pods?token=abc failed: Authorization: Bearer eyJhbGciOi, password=hunter2',
    );
    expect(text).toBe(
      'request to https://***@127.0.0.1:6443/api/v1/pods?*** failed: Authorization: Bearer ***, password=***',
    );
    for (const secret of ['pw', 'abc', 'eyJhbGciOi', 'hunter2'])
      expect(text).not.toMatch(new RegExp(`\\b${secret}\\b`));
  });

  it('drops quoted response headers and bodies, and later lines', () => {
    expect(
      publicErrorText(
        'HTTP-Code: 401 Message: Unauthorized Body: {"kind":"Status"} Headers: {"set-cookie":"s=1"}\nstack…',
      ),
    ).toBe('HTTP-Code: 401 Message: Unauthorized');
  });

  it('bounds the length', () => {
    const text = publicErrorText('x'.repeat(5000));
    expect(text).toHaveLength(300);
    expect(text.endsWith('…')).toBe(true);
  });
});
