import { ConfigReader } from '@backstage/config';
import { readLinkTemplates, renderLinks } from './linkTemplates';

const configWith = (links: Record<string, string>[]) =>
  new ConfigReader({ stagecraft: { links } });

describe('readLinkTemplates', () => {
  it('reads title, URL template and icon', () => {
    expect(
      readLinkTemplates(
        configWith([
          {
            title: 'Dashboard',
            url: 'https://grafana.example/d/app?var-ns={namespace}&var-app={component}',
            icon: 'dashboard',
          },
          {
            title: 'Traces',
            url: 'https://{environment}.tempo.example/{project}',
          },
        ]),
      ),
    ).toEqual([
      {
        title: 'Dashboard',
        url: 'https://grafana.example/d/app?var-ns={namespace}&var-app={component}',
        icon: 'dashboard',
      },
      {
        title: 'Traces',
        url: 'https://{environment}.tempo.example/{project}',
        icon: undefined,
      },
    ]);
    expect(readLinkTemplates(new ConfigReader({}))).toEqual([]);
  });

  it('refuses an unknown placeholder at start-up, naming the entry and the valid ones', () => {
    expect(() =>
      readLinkTemplates(
        configWith([
          { title: 'ok', url: 'https://a.example/{component}' },
          { title: 'typo', url: 'https://a.example/{componnet}?team={team}' },
        ]),
      ),
    ).toThrow(
      'stagecraft.links[1].url has unknown placeholder(s) {componnet}, {team}; use {project}, {component}, {environment}, {namespace}',
    );
  });

  it.each([
    ['data:text/html,{component}', 'must be an http or https URL'],
    ['ftp://files.example/{component}', 'must be an http or https URL'],
    ['/relative/{component}', 'is not an absolute URL'],
  ])('refuses %s', (url, message) => {
    expect(() => readLinkTemplates(configWith([{ title: 'x', url }]))).toThrow(
      message,
    );
  });
});

describe('renderLinks', () => {
  it('fills in every placeholder, URL-encoded', () => {
    expect(
      renderLinks(
        [
          {
            title: 'Logs',
            url: 'https://logs.example/search?q={namespace}%2F{component}&env={environment}&p={project}',
            icon: 'timeline',
          },
          { title: 'Plain', url: 'https://plain.example/{component}' },
        ],
        {
          project: 'shop',
          component: 'api&more',
          environment: 'dev',
          namespace: 'shop dev',
        },
      ),
    ).toEqual([
      {
        title: 'Logs',
        url: 'https://logs.example/search?q=shop%20dev%2Fapi%26more&env=dev&p=shop',
        icon: 'timeline',
      },
      { title: 'Plain', url: 'https://plain.example/api%26more' },
    ]);
  });
});
