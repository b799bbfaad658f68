import { StagecraftComponentTypePicker } from './componentType/StagecraftComponentTypePicker';
import { StagecraftDependencyPicker } from './dependencies/StagecraftDependencyPicker';
import { StagecraftEnvironmentPicker } from './environment/StagecraftEnvironmentPicker';

/**
 * The `ui:field` names templates use, and the components behind them: the one list both the
 * new frontend system's form fields and the legacy field extensions are made from.
 */
export const stagecraftFieldComponents = {
  StagecraftComponentTypePicker,
  StagecraftDependencyPicker,
  StagecraftEnvironmentPicker,
};

export type StagecraftFieldName = keyof typeof stagecraftFieldComponents;
