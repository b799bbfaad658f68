import type { Locator, Page } from 'playwright-core';

/** The component whose views the visual and accessibility checks visit. */
export const COMPONENT = '/catalog/default/component/checkout-api';

/** A Stagecraft view: where it is and what shows once its data has loaded. */
export interface StagecraftView {
  name: string;
  path: string;
  ready(page: Page): Locator;
  /**
   * What is ours on the page, when the page also holds stock cards, or a dialog drawn outside
   * `main` (default: `main`). A selector list checks each part it matches.
   */
  scope?: string;
  /** The view draws a graph canvas, which measures its new width and fits again on resize. */
  canvas?: boolean;
  /** Brings the view into the state to check, once ready (e.g. opens collapsed parts). */
  prepare?(page: Page): Promise<void>;
}

/** What the New service form is filled with before its Stagecraft steps. */
const NEW_SERVICE = {
  name: 'views-check',
  project: 'system:default/payments',
  owner: 'group:default/team-payments',
};

/**
 * A template's form, where the Stagecraft fields are: the scaffolder page's own header (its
 * tabs carry an aria-controls that axe finds invalid) is stock Backstage, not ours to fix.
 */
const TEMPLATE_FORM = 'form.rjsf';

/**
 * Every view Stagecraft draws, including the scaffolder's Stagecraft fields on a template's
 * form. (The stock Kubernetes tab is not ours to lay out: its own test,
 * kubernetes.e2e.test.ts, takes its screenshots. The Diagnose panel has its own test,
 * diagnose.e2e.test.ts.)
 */
export const VIEWS: StagecraftView[] = [
  {
    name: 'platform',
    path: '/stagecraft',
    ready: page =>
      page
        .getByRole('table', { name: 'Data-plane targets' })
        .getByText('local'),
  },
  {
    name: 'component-overview',
    path: COMPONENT,
    ready: page => page.getByRole('list', { name: 'Environments' }),
    // The Overview also holds the catalog's stock cards (About, APIs, …).
    scope: 'section[aria-label="Deployments"], section[aria-label="Cost"]',
    prepare: costCardLoaded,
  },
  {
    name: 'deploy',
    path: `${COMPONENT}/stagecraft-deploy`,
    ready: page =>
      page.getByLabel('dev environment').getByText('Synced', { exact: true }),
  },
  {
    name: 'runtime',
    path: `${COMPONENT}/stagecraft-runtime`,
    ready: page =>
      page
        .getByRole('table', { name: 'Pods' })
        .getByText(/^checkout-api-/)
        .first(),
  },
  {
    name: 'logs',
    path: `${COMPONENT}/stagecraft-logs`,
    ready: page =>
      page.getByRole('status', { name: 'Log stream' }).getByText('Live'),
  },
  {
    name: 'dependencies',
    canvas: true,
    path: `${COMPONENT}/stagecraft-dependencies`,
    ready: page =>
      page
        .getByLabel('Dependencies of checkout-api')
        .getByText('fraud-screening')
        .first(),
    // The Impact view under the graph loads on its own.
    prepare: page =>
      page
        .getByRole('region', { name: 'Impact' })
        .getByLabel('Dependants')
        .getByText(/storefront-web/)
        .waitFor({ timeout: 60_000 }),
  },
  {
    name: 'system-cell',
    canvas: true,
    path: '/catalog/default/system/payments/stagecraft-cell',
    ready: page =>
      page
        .getByLabel(/^Cell of project/)
        .getByText('checkout-api')
        .first(),
  },
  {
    name: 'environment-overview',
    path: '/catalog/default/environment/dev',
    ready: page =>
      page
        .getByRole('list', { name: 'Components' })
        .getByText('checkout-api')
        .first(),
    // Stagecraft's deployments and Cost cards; the catalog's About card is stock.
    scope: 'section[aria-label="Deployed in dev"], section[aria-label="Cost"]',
    prepare: costCardLoaded,
  },
  {
    name: 'environment-deployed',
    path: '/catalog/default/environment/dev/stagecraft-deployed',
    ready: page =>
      page
        .getByRole('table', { name: 'Deployments in dev' })
        .getByText('checkout-api')
        .first(),
  },
  {
    name: 'system-overview',
    path: '/catalog/default/system/payments',
    ready: page =>
      page.getByRole('region', { name: 'Cost' }).getByText(/per month for/),
    // The System's Overview: Stagecraft's Cost card among the catalog's stock cards.
    scope: 'section[aria-label="Cost"]',
    prepare: costCardLoaded,
  },
  {
    name: 'promote-dialog',
    path: `${COMPONENT}/stagecraft-deploy`,
    ready: page =>
      page.getByLabel('dev environment').getByText('Synced', { exact: true }),
    // The dialog is drawn in a portal, outside `main`.
    scope: '[role="dialog"]',
    prepare: async page => {
      await page
        .getByLabel('dev environment')
        .getByRole('button', { name: 'Promote to staging' })
        .click();
      await page
        .getByRole('dialog', { name: 'Promote to staging?' })
        .getByText(/^opens: |^No path opens or closes in staging\.|^closes: /)
        .first()
        .waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'metrics',
    path: `${COMPONENT}/stagecraft-metrics`,
    // History needs a few scrapes of a pod: this view comes late, after the others.
    ready: page =>
      page
        .getByRole('table', { name: 'CPU figures' })
        .getByText(/^checkout-api-/)
        .first(),
    prepare: page =>
      page.getByRole('table', { name: 'Memory figures' }).waitFor(),
  },
  {
    name: 'traces',
    path: `${COMPONENT}/stagecraft-traces`,
    // The views test emits traces of checkout-api in dev before it starts.
    ready: page =>
      page
        .getByRole('table', { name: 'Traces' })
        .getByRole('link', { name: /^Open trace / })
        .first(),
  },
  {
    name: 'scaffolder-component-type',
    scope: TEMPLATE_FORM,
    path: templateForm('stagecraft-new-service', NEW_SERVICE),
    ready: page => page.getByRole('button', { name: 'Next' }),
    // Step 2, "How it runs": the component-type picker and its type's parameters form.
    prepare: page => nextStepShows(page, 'service settings'),
  },
  {
    name: 'scaffolder-dependencies',
    scope: TEMPLATE_FORM,
    path: templateForm('stagecraft-new-service', NEW_SERVICE),
    ready: page => page.getByRole('button', { name: 'Next' }),
    // Step 3: the dependency picker, with what the project may not call and why.
    prepare: async page => {
      for (const step of [
        'service settings',
        /Not available to this component/,
      ])
        await nextStepShows(page, step);
    },
  },
  {
    name: 'scaffolder-environment',
    scope: TEMPLATE_FORM,
    path: templateForm('stagecraft-promote-component', {
      component: 'component:default/checkout-api',
    }),
    ready: page => page.getByRole('radio', { name: 'dev → staging' }),
  },
];

/** A template's form, its first fields filled through the scaffolder's `formData` query. */
function templateForm(template: string, formData: object) {
  return `/create/templates/default/${template}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}

async function nextStepShows(page: Page, text: string | RegExp) {
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText(text).first().waitFor({ timeout: 30_000 });
}

/** The Cost card loads its figures on its own, after the rest of the page. */
async function costCardLoaded(page: Page) {
  await page
    .getByRole('region', { name: 'Cost' })
    .getByText('Recommendations', { exact: true })
    .waitFor({ timeout: 60_000 });
}
