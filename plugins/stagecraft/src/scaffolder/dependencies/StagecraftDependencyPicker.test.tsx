import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderFieldInForm } from '../__testUtils__/renderFieldInForm';
import { twoProjects } from '../__testUtils__/platformEntities';
import { StagecraftDependencyPicker } from './StagecraftDependencyPicker';

const schema = {
  title: 'Endpoints it calls',
  type: 'array',
  items: { type: 'string' },
};

function renderPicker(o: {
  otherFields?: Record<string, unknown>;
  uiOptions?: object;
  initial?: string[];
}) {
  return renderFieldInForm(StagecraftDependencyPicker, {
    schema,
    uiOptions: o.uiOptions ?? { projectField: 'project' },
    otherFields: o.otherFields,
    initial: o.initial,
    entities: twoProjects,
  });
}

const hiddenList = () =>
  screen.getByRole('list', { name: /not available to this component/i });

describe('StagecraftDependencyPicker', () => {
  // Each test renders the scaffolder's whole form (rjsf with its validator); on a loaded
  // machine running every package's tests at once that takes longer than jest's 5 s default.
  jest.setTimeout(30_000);

  it('offers what the project may call and hides, with the reason, project endpoints of other projects', async () => {
    await renderPicker({ otherFields: { project: 'system:default/payments' } });
    const offered = await screen.findAllByRole('checkbox');
    expect(offered.map(c => c.closest('label')?.textContent)).toEqual([
      'ledger-http (project payments)',
      'payments-api (organization)',
      'shop-web (public)',
    ]);
    // shop-admin takes the default visibility, project; the other plugin's Endpoint is not ours
    const hidden = within(hiddenList()).getAllByRole('listitem');
    expect(hidden.map(item => item.textContent)).toEqual([
      'shop-adminOnly components of project storefront may call it (visibility: project); this component is in payments.',
    ]);
    expect(
      screen.getByRole('group', { name: 'Endpoints it calls' }),
    ).toBeTruthy();
  });

  it('does not offer another project’s project endpoint, and says why', async () => {
    const { values } = await renderPicker({
      otherFields: { project: 'system:default/storefront' },
    });
    await screen.findByRole('checkbox', { name: /payments-api/ });
    expect(screen.queryByRole('checkbox', { name: /ledger-http/ })).toBeNull();
    expect(within(hiddenList()).getByText('ledger-http')).toBeTruthy();
    expect(
      within(hiddenList()).getByText(
        /Only components of project payments may call it .*this component is in storefront/,
      ),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('checkbox', { name: /payments-api/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /shop-admin/ }));
    expect(values().at(-1)).toEqual([
      'endpoint:default/payments-api',
      'endpoint:default/shop-admin',
    ]);
    fireEvent.click(screen.getByRole('checkbox', { name: /payments-api/ }));
    expect(values().at(-1)).toEqual(['endpoint:default/shop-admin']);
  });

  it('drops a chosen endpoint the project may not call', async () => {
    const { values } = await renderPicker({
      otherFields: { project: 'system:default/storefront' },
      initial: ['endpoint:default/ledger-http', 'endpoint:default/shop-web'],
    });
    await waitFor(() =>
      expect(values().at(-1)).toEqual(['endpoint:default/shop-web']),
    );
  });

  it('compares projects by full ref: a System of the same name in another namespace is another project', async () => {
    await renderPicker({ otherFields: { project: 'system:other/payments' } });
    await screen.findByRole('checkbox', { name: /payments-api/ });
    expect(within(hiddenList()).getByText('ledger-http')).toBeTruthy();
  });

  it('asks for the project first, offering only what any project may call', async () => {
    await renderPicker({});
    await screen.findByText(/Choose the project first/);
    expect(
      screen.getAllByRole('checkbox').map(c => c.closest('label')?.textContent),
    ).toEqual(['payments-api (organization)', 'shop-web (public)']);
    expect(
      within(hiddenList()).getAllByText(/choose a project first/),
    ).toHaveLength(2);
  });

  it('reads an existing component’s project and leaves out its own endpoints', async () => {
    await renderPicker({
      uiOptions: { componentField: 'component' },
      otherFields: { component: 'component:default/shop' },
    });
    await screen.findByRole('checkbox', { name: /payments-api/ });
    expect(screen.queryByRole('checkbox', { name: /shop-/ })).toBeNull();
    expect(within(hiddenList()).getByText('ledger-http')).toBeTruthy();
  });

  it('holds one endpoint for a string field: Add a dependency to an existing component', async () => {
    const { values } = await renderFieldInForm(StagecraftDependencyPicker, {
      schema: { title: 'Endpoint it calls', type: 'string' },
      uiOptions: { componentField: 'component' },
      otherFields: { component: 'component:default/shop' },
      entities: twoProjects,
    });
    const group = await screen.findByRole('radiogroup', {
      name: 'Endpoint it calls',
    });
    expect(
      within(group)
        .getAllByRole('radio')
        .map(r => r.closest('label')?.textContent),
    ).toEqual(['payments-api (organization)']);
    expect(within(hiddenList()).getByText('ledger-http')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /payments-api/ }));
    expect(values().at(-1)).toBe('endpoint:default/payments-api');
  });

  it('marks the field required when the template requires it, as the form’s own fields are', async () => {
    await renderFieldInForm(StagecraftDependencyPicker, {
      schema: { title: 'Endpoint it calls', type: 'string' },
      uiOptions: { componentField: 'component' },
      otherFields: { component: 'component:default/shop' },
      required: true,
      entities: twoProjects,
    });
    await screen.findByRole('radio', { name: /payments-api/ });
    expect(screen.getByText(/^Endpoint it calls/).textContent).toMatch(
      /^Endpoint it calls\s*\*$/,
    );
  });

  it('clears a single endpoint the component may not call', async () => {
    const { values } = await renderFieldInForm(StagecraftDependencyPicker, {
      schema: { title: 'Endpoint it calls', type: 'string' },
      uiOptions: { componentField: 'component' },
      otherFields: { component: 'component:default/shop' },
      initial: 'endpoint:default/ledger-http',
      entities: twoProjects,
    });
    await screen.findByRole('radio', { name: /payments-api/ });
    // toStrictEqual: toEqual would take [] (nothing reported) for [undefined]
    await waitFor(() => expect(values()).toStrictEqual([undefined]));
  });

  it('shows a loading state, then an error that says what to do', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn().mockRejectedValue(new Error('catalog is down')),
    });
    await renderFieldInForm(StagecraftDependencyPicker, {
      schema,
      uiOptions: { projectField: 'project' },
      catalogApi,
    });
    expect(
      screen.getByRole('progressbar', { name: 'Loading endpoints' }),
    ).toBeTruthy();
    expect(
      await screen.findByText(/Could not load the endpoints: catalog is down/),
    ).toBeTruthy();
  });

  it('says so when the project may call nothing', async () => {
    await renderFieldInForm(StagecraftDependencyPicker, {
      schema,
      uiOptions: { projectField: 'project' },
      otherFields: { project: 'system:default/payments' },
      entities: [],
    });
    expect(
      await screen.findByText(
        'No endpoint in the catalog that a component of payments may call.',
      ),
    ).toBeTruthy();
  });
});
