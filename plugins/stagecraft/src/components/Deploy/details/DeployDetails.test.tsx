import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { StagecraftApi, stagecraftApiRef } from '../../../api/StagecraftApi';
import { fakeStagecraftApi } from '../../../testUtils/fakeStagecraftApi';
import {
  COMPONENT_REF,
  deployment,
  release,
  RELEASE_1,
  RELEASE_2,
} from '../__testUtils__/deployFixtures';
import { useDeploymentHistory } from '../useDeploymentHistory';
import { DeployDetails } from './DeployDetails';

jest.setTimeout(30_000); // see DeployTab.test.tsx

/** DeployDetails with the history the Deploy tab reads for it. */
function Details(props: { deployments: DeploymentStatus[] }) {
  const history = useDeploymentHistory(COMPONENT_REF, 0);
  return (
    <DeployDetails
      componentRef={COMPONENT_REF}
      deployments={props.deployments}
      history={history}
    />
  );
}

function renderDetails(
  methods: Partial<StagecraftApi>,
  deployments: DeploymentStatus[] = [deployment('dev'), deployment('staging')],
) {
  const api = fakeStagecraftApi({ listHistory: async () => [], ...methods });
  renderInTestApp(<Details deployments={deployments} />, {
    apis: [[stagecraftApiRef, api]],
  });
  return api;
}

/** Opens a tab; inside act, so the fetch the tab starts settles inside it too. */
async function openTab(name: string) {
  const tab = await screen.findByRole('tab', { name });
  await act(async () => {
    fireEvent.click(tab);
  });
}

describe('DeployDetails history', () => {
  it('lists who did what, newest first, in words', async () => {
    renderDetails({
      listHistory: async () => [
        {
          id: 2,
          componentRef: COMPONENT_REF,
          environment: 'staging',
          action: 'promote',
          releaseId: RELEASE_2,
          actor: 'user:default/grace',
          at: new Date().toISOString(),
          details: { from: 'dev' },
        },
        {
          id: 1,
          componentRef: COMPONENT_REF,
          environment: 'prod',
          action: 'deny',
          releaseId: RELEASE_2,
          actor: 'user:default/ada',
          at: new Date().toISOString(),
          details: { comment: 'not during the freeze' },
        },
      ],
    });
    const table = await screen.findByRole('table', {
      name: 'Deployment history',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ),
    ).toEqual([
      [
        'just now',
        'staging',
        'Promoted from dev',
        '2222222222bb',
        'user:default/grace',
      ],
      [
        'just now',
        'prod',
        'Denied promotion “not during the freeze”',
        '2222222222bb',
        'user:default/ada',
      ],
    ]);
  });

  it('marks a break-glass deploy so it stands out from the pipeline’s own entries', async () => {
    renderDetails({
      listHistory: async () => [
        {
          id: 2,
          componentRef: COMPONENT_REF,
          environment: 'prod',
          action: 'deploy',
          releaseId: RELEASE_1,
          actor: 'user:default/root',
          at: new Date().toISOString(),
          details: { breakGlass: true, reason: 'INC-42, approver away' },
        },
        {
          id: 1,
          componentRef: COMPONENT_REF,
          environment: 'dev',
          action: 'deploy',
          releaseId: RELEASE_1,
          actor: 'user:default/ada',
          at: new Date().toISOString(),
          details: {},
        },
      ],
    });
    const table = await screen.findByRole('table', {
      name: 'Deployment history',
    });
    const [breakGlass, ordinary] = within(table).getAllByRole('row').slice(1);
    const action = within(breakGlass).getAllByRole('cell')[2];
    expect(within(action).getByText('Break-glass')).toBeInTheDocument();
    expect(action).toHaveTextContent(
      'Break-glassDeployed past the pipeline “INC-42, approver away”',
    );
    expect(within(ordinary).queryByText('Break-glass')).not.toBeInTheDocument();
  });

  it('says when nothing has happened yet', async () => {
    renderDetails({});
    expect(
      await screen.findByText('Nothing has been deployed yet.'),
    ).toBeInTheDocument();
  });

  it('shows why the history cannot be loaded', async () => {
    renderDetails({
      listHistory: async () => {
        throw new Error('database unavailable');
      },
    });
    expect(
      await screen.findByText(
        'Could not load the history: database unavailable',
      ),
    ).toBeInTheDocument();
  });
});

describe('DeployDetails comparison', () => {
  it('lists the fields in which two environments’ releases differ', async () => {
    const api = renderDetails(
      {
        listReleases: async () => [
          release(RELEASE_2, 'checkout:1.5.0', {
            replicas: 3,
            env: { LOG_LEVEL: 'info' },
          }),
          release(RELEASE_1, 'checkout:1.4.0', {
            replicas: 3,
            env: { LOG_LEVEL: 'debug' },
          }),
        ],
      },
      [
        deployment('dev', { releaseId: RELEASE_2 }),
        deployment('staging', { releaseId: RELEASE_1 }),
      ],
    );
    await openTab('Compare environments');
    const table = await screen.findByRole('table', {
      name: 'Differences between the environments',
    });
    const rows = within(table)
      .getAllByRole('row')
      .map(r => r.textContent);
    expect(rows).toEqual([
      'Fielddevstaging',
      'Imagecheckout:1.5.0checkout:1.4.0',
      'Env LOG_LEVELinfodebug',
    ]);
    expect(
      screen.getByText(
        /dev runs release 2222222222bb, staging runs 1111111111aa/,
      ),
    ).toBeInTheDocument();
    expect(api.listReleases).toHaveBeenCalledWith(COMPONENT_REF);
  });

  it('says when two environments run the same thing', async () => {
    renderDetails({
      listReleases: async () => [release(RELEASE_2, 'checkout:1.5.0')],
    });
    await openTab('Compare environments');
    expect(
      await screen.findByText(/No differences in image, replicas/),
    ).toBeInTheDocument();
  });

  it('needs two deployed environments', async () => {
    renderDetails({ listReleases: async () => [] }, [deployment('dev')]);
    await openTab('Compare environments');
    expect(
      await screen.findByText(
        'Comparing needs deployments in two environments.',
      ),
    ).toBeInTheDocument();
  });

  it('shows why releases cannot be loaded', async () => {
    renderDetails({
      listReleases: async () => {
        throw new Error('timeout');
      },
    });
    await openTab('Compare environments');
    expect(
      await screen.findByText('Could not load releases: timeout'),
    ).toBeInTheDocument();
  });
});

describe('DeployDetails manifests', () => {
  const yaml = (env: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: checkout-api\n  namespace: ${env}\n`;

  it('shows one environment’s rendered YAML at a time, fetched when chosen', async () => {
    const api = renderDetails({ getManifests: async (_, env) => yaml(env) });
    await openTab('Manifests');
    expect(await screen.findByLabelText('Manifests for dev')).toHaveTextContent(
      'namespace: dev',
    );
    expect(api.getManifests).toHaveBeenCalledTimes(1);

    await openTab('staging');
    expect(
      await screen.findByLabelText('Manifests for staging'),
    ).toHaveTextContent('namespace: staging');
    expect(api.getManifests).toHaveBeenLastCalledWith(COMPONENT_REF, 'staging');
  });

  it('copies the YAML to the clipboard', async () => {
    const writeText = jest.fn(async () => {});
    Object.assign(navigator, { clipboard: { writeText } });
    renderDetails({ getManifests: async () => yaml('dev') });
    await openTab('Manifests');
    fireEvent.click(
      await screen.findByRole('button', { name: 'Copy the manifests for dev' }),
    );
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(yaml('dev')));
  });

  it('shows why an environment’s manifests cannot be rendered', async () => {
    renderDetails({
      getManifests: async () => {
        throw new Error('release has no component');
      },
    });
    await openTab('Manifests');
    expect(
      await screen.findByText(
        'Could not render the manifests for dev: release has no component',
      ),
    ).toBeInTheDocument();
  });

  it('leaves out environments the component was undeployed from', async () => {
    renderDetails({}, [deployment('dev', { desiredState: 'undeployed' })]);
    await openTab('Manifests');
    expect(
      await screen.findByText('Nothing is deployed, so nothing is rendered.'),
    ).toBeInTheDocument();
  });
});
