/** Where the Deploy tab lives under a component's entity page; the overview card links to it. */
export const DEPLOY_TAB_PATH = 'stagecraft-deploy';
