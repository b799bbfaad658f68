import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import type { StagecraftFieldName } from './fieldComponents';

/** Attaches to the scaffolder's form-fields API; the pickers load with the template form. */
const formFieldExtension = (name: StagecraftFieldName, id: string) =>
  FormFieldBlueprint.make({
    name: id,
    params: {
      field: () =>
        import('./formFields').then(m => m.stagecraftFormField(name)),
    },
  });

/** `ui:field: StagecraftComponentTypePicker` @public */
export const componentTypePickerFormField = formFieldExtension(
  'StagecraftComponentTypePicker',
  'component-type-picker',
);

/** `ui:field: StagecraftDependencyPicker` @public */
export const dependencyPickerFormField = formFieldExtension(
  'StagecraftDependencyPicker',
  'dependency-picker',
);

/** `ui:field: StagecraftEnvironmentPicker` @public */
export const environmentPickerFormField = formFieldExtension(
  'StagecraftEnvironmentPicker',
  'environment-picker',
);
