/** Components with deploy intent; Stagecraft's tabs and cards mean nothing for other entities. */
export const deployableComponentFilter = {
  kind: 'component',
  'spec.deploy': { $exists: true },
};
