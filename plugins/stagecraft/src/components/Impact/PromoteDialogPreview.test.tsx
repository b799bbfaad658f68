import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DeployTab } from '../Deploy/DeployTab';
import {
  COMPONENT_REF,
  deployment,
} from '../Deploy/__testUtils__/deployFixtures';
import { renderEntityView } from '../Deploy/__testUtils__/renderDeployView';

jest.setTimeout(30_000);

const ledgerPath = {
  fromRef: COMPONENT_REF,
  toRef: 'component:default/payment-ledger',
  endpointRef: 'endpoint:default/ledger-http',
  port: 8080,
  protocol: 'TCP' as const,
  declared: false,
};

describe('the promote confirmation dialog', () => {
  it('shows the path the promotion closes before anyone confirms', async () => {
    const { api } = renderEntityView(<DeployTab />, {
      listDeployments: async () => [
        deployment('dev'),
        deployment('staging'),
        deployment('prod'),
      ],
      listApprovals: async () => [],
      listHistory: async () => [],
      previewPromotion: async () => ({
        componentRef: COMPONENT_REF,
        from: 'dev',
        to: 'staging',
        releaseId: 'b'.repeat(64),
        currentReleaseId: 'a'.repeat(64),
        changes: {
          opens: [],
          closes: [ledgerPath],
          evaluated: 5,
          unreadable: 0,
        },
        connections: { added: [], dropped: [], unreadable: 0 },
      }),
    });
    const card = await screen.findByLabelText('dev environment');
    const promote = await within(card).findByRole('button', {
      name: 'Promote to staging',
    });
    await waitFor(() => expect(promote).toBeEnabled());
    expect(api.previewPromotion).not.toHaveBeenCalled();
    fireEvent.click(promote);
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'closes: checkout-api → payment-ledger on 8080',
    );
    expect(api.previewPromotion).toHaveBeenCalledWith(COMPONENT_REF, 'dev');
    expect(api.promote).not.toHaveBeenCalled();
  });
});
