import {
  DEFAULT_QUERIES,
  escapePromqlString,
  renderQuery,
  templateProblem,
} from './promql';

const scope = {
  project: 'shop',
  component: 'checkout-api',
  environment: 'staging',
  namespace: 'shop-staging',
};

describe('PromQL building', () => {
  it('escapes what could close a label matcher string', () => {
    expect(escapePromqlString('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });

  it('keeps a hostile name inside its label matcher', () => {
    const hostile = {
      ...scope,
      component: 'x"} or vector(1) or up{a="',
      namespace: 'ns\\"}',
    };
    const query = renderQuery(DEFAULT_QUERIES.memory, hostile, 60);
    // Every quote the name brought is escaped: no matcher or operator of its own.
    expect(query).toContain(
      'label_stagecraft_dev_component="x\\"} or vector(1) or up{a=\\""',
    );
    expect(query).toContain('namespace="ns\\\\\\"}"');
    const unescapedQuotes = query.replace(/\\\\/g, '').replace(/\\"/g, '');
    // What is left is the template's own quotes: 4 matchers, 2 quotes each.
    expect(unescapedQuotes.match(/"/g)).toHaveLength(8);
  });

  it('scopes every default query by namespace, project and component, exactly', () => {
    for (const template of Object.values(DEFAULT_QUERIES)) {
      const query = renderQuery(template, scope, 60);
      expect(query).toContain('label_stagecraft_dev_component="checkout-api"');
      expect(query).toContain('label_stagecraft_dev_project="shop"');
      expect(query).toContain('namespace="shop-staging"');
      // Exact matchers only: a regex would let `api` match `api-gateway`.
      expect(query).not.toMatch(/label_stagecraft_dev_component=~/);
    }
  });

  it('fills the rate window in seconds', () => {
    expect(renderQuery('rate(x{c="{component}"}[{window}])', scope, 90)).toBe(
      'rate(x{c="checkout-api"}[90s])',
    );
  });

  it('refuses a configured query that would not scope to the component', () => {
    expect(templateProblem('sum(container_memory_working_set_bytes)')).toMatch(
      /does not use \{component\}/,
    );
    expect(templateProblem('x{c="{component}", t="{team}"}')).toMatch(
      /unknown placeholder \{team\}/,
    );
    expect(templateProblem('x{c="{component}"}[{window}]')).toBeUndefined();
  });
});
