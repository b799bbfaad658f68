import { screen } from '@testing-library/react';
import type {
  ComponentImpact,
  PromotionPreview,
} from '@stagecraft/plugin-stagecraft-common';
import { renderEntityView } from '../Deploy/__testUtils__/renderDeployView';
import { ImpactView } from './ImpactView';
import { PromotionPreviewView } from './PromotionPreviewView';

jest.setTimeout(30_000);

const LEDGER = 'component:default/payment-ledger';
const CHECKOUT = 'component:default/checkout-api';
const path = {
  fromRef: CHECKOUT,
  toRef: LEDGER,
  endpointRef: 'endpoint:default/ledger-http',
  port: 8080,
  protocol: 'TCP' as const,
  declared: true,
};

const impact: ComponentImpact = {
  subjectRef: LEDGER,
  componentRef: LEDGER,
  environments: ['dev', 'staging'],
  dependants: [
    {
      componentRef: CHECKOUT,
      depth: 1,
      via: 'endpoint:default/ledger-http',
      crossProject: false,
      deployedIn: ['dev'],
    },
    {
      componentRef: 'component:default/storefront-web',
      depth: 2,
      via: 'endpoint:default/checkout-http',
      crossProject: true,
      deployedIn: [],
    },
  ],
  unreadableDependants: 1,
  ifUndeployed: [{ environment: 'dev', closes: [path], unreadable: 0 }],
  ifEndpointRemoved: [
    { endpointRef: 'endpoint:default/ledger-http', consumers: [CHECKOUT] },
  ],
  ifVisibilityNarrowed: [],
  capacity: [
    {
      environment: 'dev',
      replicas: 1,
      requests: [{ cpu: '100m', memory: '128Mi' }],
      bounds: { min: 1, max: 3 },
    },
  ],
};

const preview = (over: Partial<PromotionPreview> = {}): PromotionPreview => ({
  componentRef: CHECKOUT,
  from: 'dev',
  to: 'staging',
  releaseId: 'b'.repeat(64),
  currentReleaseId: 'a'.repeat(64),
  changes: { opens: [], closes: [], evaluated: 4, unreadable: 0 },
  connections: { added: [], dropped: [], unreadable: 0 },
  ...over,
});

describe('ImpactView', () => {
  it('shows dependants, what undeploying closes and capacity, in words', async () => {
    renderEntityView(<ImpactView componentRef={LEDGER} />, {
      getImpact: async () => impact,
    });
    expect(
      await screen.findByText(
        /checkout-api directly, via ledger-http; deployed in dev/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('other project')).toBeInTheDocument();
    expect(screen.getByText('1 more you may not read.')).toBeInTheDocument();
    expect(
      screen.getByText('dev: closes checkout-api → payment-ledger on 8080'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'dev: 1 replicas (bounds 1–3), cpu 100m, memory 128Mi per pod',
      ),
    ).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('{');
  });

  it('says when nothing depends on the component', async () => {
    renderEntityView(<ImpactView componentRef={LEDGER} />, {
      getImpact: async () => ({
        ...impact,
        dependants: [],
        unreadableDependants: 0,
        ifUndeployed: [],
      }),
    });
    expect(
      await screen.findByText(/Nothing depends on payment-ledger/),
    ).toBeInTheDocument();
  });

  it('shows the error when the analysis fails', async () => {
    renderEntityView(<ImpactView componentRef={LEDGER} />, {
      getImpact: async () => {
        throw new Error('stagecraft.deployment.read is not permitted');
      },
    });
    expect(
      await screen.findByText(
        /Could not analyse the impact: stagecraft.deployment.read/,
      ),
    ).toBeInTheDocument();
  });
});

describe('PromotionPreviewView', () => {
  it('warns about a closing path and lists opening ones', async () => {
    renderEntityView(
      <PromotionPreviewView componentRef={CHECKOUT} from="dev" />,
      {
        previewPromotion: async () =>
          preview({
            changes: {
              opens: [
                {
                  ...path,
                  toRef: 'component:default/fraud-screening',
                  port: 9090,
                },
              ],
              closes: [path],
              evaluated: 6,
              unreadable: 0,
            },
          }),
      },
    );
    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent(
      'closes: checkout-api → payment-ledger on 8080',
    );
    expect(
      screen.getByText('opens: checkout-api → fraud-screening on 9090'),
    ).toBeInTheDocument();
  });

  it('warns about a dropped connection whose policy already closed', async () => {
    renderEntityView(
      <PromotionPreviewView componentRef={CHECKOUT} from="dev" />,
      {
        previewPromotion: async () =>
          preview({
            connections: {
              added: [],
              dropped: [
                {
                  ...path,
                  declared: false,
                  allowedBefore: false,
                  allowedAfter: false,
                },
              ],
              unreadable: 0,
            },
          }),
      },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /closes: checkout-api → payment-ledger on 8080 \(the release drops it/,
    );
  });

  it('says when nothing changes, and never blocks on an error', async () => {
    renderEntityView(
      <PromotionPreviewView componentRef={CHECKOUT} from="dev" />,
      {
        previewPromotion: async () => preview(),
      },
    );
    expect(
      await screen.findByText('No path opens or closes in staging.'),
    ).toBeInTheDocument();
  });

  it('shows why the preview could not be computed', async () => {
    renderEntityView(
      <PromotionPreviewView componentRef={CHECKOUT} from="dev" />,
      {
        previewPromotion: async () => {
          throw new Error('checkout-api is not deployed in dev');
        },
      },
    );
    expect(
      await screen.findByText(/Could not preview .* not deployed in dev/),
    ).toBeInTheDocument();
  });
});
