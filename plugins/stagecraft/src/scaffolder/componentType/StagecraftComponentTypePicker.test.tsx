import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { componentType } from '../__testUtils__/platformEntities';
import { renderFieldInForm } from '../__testUtils__/renderFieldInForm';
import { StagecraftComponentTypePicker } from './StagecraftComponentTypePicker';

const types = [
  componentType('service', {
    description: 'A long-running API service',
    parameters: {
      type: 'object',
      properties: {
        revisionHistoryLimit: { type: 'integer', minimum: 0, default: 10 },
      },
    },
  }),
  componentType('web-app', {
    description: 'A web front end',
    parameters: {
      type: 'object',
      properties: {
        maxSurge: { type: 'string', default: '25%' },
        canary: { type: 'boolean', title: 'Canary', default: false },
      },
    },
  }),
  componentType('worker', { servesEndpoints: false, parameters: {} }),
  // Not Stagecraft's kind: never offered.
  {
    ...componentType('impostor', {}),
    apiVersion: 'other.example/v1',
  },
];

const schema = {
  title: 'Component type',
  type: 'object',
  default: { type: 'web-app' },
  properties: { type: { type: 'string' }, parameters: { type: 'object' } },
};

function renderPicker(uiOptions: object = {}, entities = types) {
  return renderFieldInForm(StagecraftComponentTypePicker, {
    schema,
    uiOptions,
    entities,
  });
}

const typeSelect = () => screen.getByLabelText(/^Component type/);

describe('StagecraftComponentTypePicker', () => {
  // Each test renders the scaffolder's whole form (rjsf with its validator); on a loaded
  // machine running every package's tests at once that takes longer than jest's 5 s default.
  jest.setTimeout(30_000);

  it('starts from the template’s default type with the defaults of its schema, and draws its parameters', async () => {
    const { values } = await renderPicker({ types: ['service', 'web-app'] });
    await screen.findByText('web-app settings');
    await waitFor(() =>
      expect(values().at(-1)).toEqual({
        type: 'web-app',
        parameters: { maxSurge: '25%', canary: false },
      }),
    );
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      'service',
      'web-app',
    ]);
    expect(screen.getByText('A web front end')).toBeTruthy();
    expect(screen.getByText('web-app settings')).toBeTruthy();
    expect(screen.getByLabelText('maxSurge')).toHaveProperty('value', '25%');
    expect(screen.getByRole('checkbox', { name: 'Canary' })).toBeTruthy();
  });

  it('takes the chosen type’s defaults when the type changes, and the edited parameters', async () => {
    const { values } = await renderPicker({ types: ['service', 'web-app'] });
    await screen.findByText('web-app settings');
    fireEvent.change(typeSelect(), { target: { value: 'service' } });
    await screen.findByText('service settings');
    await waitFor(() =>
      expect(values().at(-1)).toEqual({
        type: 'service',
        parameters: { revisionHistoryLimit: 10 },
      }),
    );
    fireEvent.change(screen.getByLabelText('revisionHistoryLimit'), {
      target: { value: '3' },
    });
    await waitFor(() =>
      expect(values().at(-1)).toEqual({
        type: 'service',
        parameters: { revisionHistoryLimit: 3 },
      }),
    );
  });

  it('offers only types that serve no endpoint when asked, and says when a type has no settings', async () => {
    const { values } = await renderPicker({ servesEndpoints: false });
    await screen.findByText('The worker type has no settings.');
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      'worker',
    ]);
    await waitFor(() =>
      expect(values().at(-1)).toEqual({ type: 'worker', parameters: {} }),
    );
  });

  it('offers every Stagecraft ComponentType of the catalog, by name, without a filter', async () => {
    await renderPicker();
    await screen.findByText('web-app settings');
    expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
      'service',
      'web-app',
      'worker',
    ]);
  });

  it('offers a built-in type the catalog does not define, with its defaults', async () => {
    const { values } = await renderPicker({ types: ['scheduled-job'] });
    await screen.findByText('A built-in type: its defaults apply.');
    await waitFor(() =>
      expect(values().at(-1)).toEqual({
        type: 'scheduled-job',
        parameters: {},
      }),
    );
  });

  it('says what to do when no type fits, and when the catalog fails', async () => {
    await renderPicker({ servesEndpoints: false }, []);
    expect(
      await screen.findByText(/No component type in the catalog fits/),
    ).toBeTruthy();

    await renderFieldInForm(StagecraftComponentTypePicker, {
      schema,
      catalogApi: catalogApiMock.mock({
        getEntities: jest.fn().mockRejectedValue(new Error('timed out')),
      }),
    });
    expect(
      await screen.findByText(/Could not load the component types: timed out/),
    ).toBeTruthy();
  });
});
