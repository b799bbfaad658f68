import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  component,
  environment,
  pipeline,
  system,
} from '../__testUtils__/platformEntities';
import { renderFieldInForm } from '../__testUtils__/renderFieldInForm';
import { StagecraftEnvironmentPicker } from './StagecraftEnvironmentPicker';

const PIPELINE = 'stagecraft.dev/pipeline';

/**
 * The default pipeline is dev → staging → production; payments follows a fast lane that skips
 * staging and whose own stages need no approval — production stays gated (strictest wins).
 */
const platform = [
  environment('dev'),
  environment('staging'),
  environment('production', true),
  pipeline('default', [
    { environment: 'dev' },
    { environment: 'staging' },
    { environment: 'production', requiresApproval: true },
  ]),
  pipeline('fast-lane', [
    { environment: 'dev' },
    { environment: 'production' },
  ]),
  system('payments', { [PIPELINE]: 'fast-lane' }),
  system('storefront'),
  component('ledger', 'payments'),
  component('shop', 'storefront'),
];

const schema = { title: 'Environment', type: 'string', default: 'dev' };

function renderPicker(uiOptions: object, otherFields?: object) {
  return renderFieldInForm(StagecraftEnvironmentPicker, {
    schema,
    uiOptions,
    otherFields: otherFields as Record<string, unknown>,
    entities: platform,
  });
}

const radioLabels = () =>
  screen.getAllByRole('radio').map(r => r.closest('label')?.textContent);

describe('StagecraftEnvironmentPicker', () => {
  // Each test renders the scaffolder's whole form (rjsf with its validator); on a loaded
  // machine running every package's tests at once that takes longer than jest's 5 s default.
  jest.setTimeout(30_000);

  it('lists the stages of the component’s pipeline in order, marking the gated ones', async () => {
    const { values } = await renderPicker(
      { componentField: 'component' },
      { component: 'component:default/shop' },
    );
    await screen.findByText('Pipeline default');
    expect(radioLabels()).toEqual([
      '1. dev',
      '2. staging',
      '3. production (needs approval)',
    ]);
    expect(
      screen.getByRole('radiogroup', { name: 'Environment' }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '2. staging' }));
    expect(values().at(-1)).toBe('staging');
  });

  it('follows the pipeline a project names, keeping production gated', async () => {
    await renderPicker(
      { componentField: 'component' },
      { component: 'component:default/ledger' },
    );
    await screen.findByText('Pipeline fast-lane');
    expect(radioLabels()).toEqual(['1. dev', '2. production (needs approval)']);
  });

  it('offers promotions from each stage to the next, for a new component of a project too', async () => {
    const { values } = await renderPicker(
      { projectField: 'project', promotable: true },
      { project: 'system:default/storefront' },
    );
    await screen.findByText('Pipeline default');
    expect(radioLabels()).toEqual([
      'dev → staging',
      'staging → production (needs approval)',
    ]);
    await waitFor(() => expect(values().at(-1)).toBe('dev'));
  });

  it('marks the field required when the template requires it', async () => {
    await renderFieldInForm(StagecraftEnvironmentPicker, {
      schema,
      uiOptions: { componentField: 'component', promotable: true },
      otherFields: { component: 'component:default/shop' },
      required: true,
      entities: platform,
    });
    await screen.findByText('Pipeline default');
    expect(screen.getByText(/^Environment/).textContent).toMatch(
      /^Environment\s*\*$/,
    );
  });

  it('replaces a value the pipeline does not offer with its first choice', async () => {
    const { values } = await renderFieldInForm(StagecraftEnvironmentPicker, {
      schema: { ...schema, default: 'staging' },
      uiOptions: { componentField: 'component', promotable: true },
      otherFields: { component: 'component:default/ledger' },
      entities: platform,
    });
    await waitFor(() => expect(values().at(-1)).toBe('dev'));
    expect(radioLabels()).toEqual(['dev → production (needs approval)']);
  });

  it('asks for the component first, and says when no pipeline applies', async () => {
    await renderPicker({ componentField: 'component' });
    expect(
      await screen.findByText(/Choose a component of the catalog first/),
    ).toBeTruthy();

    await renderFieldInForm(StagecraftEnvironmentPicker, {
      schema,
      uiOptions: {},
      entities: [environment('dev')],
    });
    expect(
      await screen.findByText(/No valid DeploymentPipeline applies here/),
    ).toBeTruthy();
  });

  it('shows an error that says what to do when the catalog fails', async () => {
    await renderFieldInForm(StagecraftEnvironmentPicker, {
      schema,
      uiOptions: {},
      catalogApi: catalogApiMock.mock({
        getEntityByRef: jest.fn().mockRejectedValue(new Error('offline')),
        getEntities: jest.fn().mockResolvedValue({ items: [] }),
      }),
    });
    expect(
      screen.getByRole('progressbar', { name: 'Loading the pipeline' }),
    ).toBeTruthy();
    await screen.findByText(/Could not load the pipeline: offline/);
  });
});
