import {
  createFormField,
  type FormFieldExtensionData,
} from '@backstage/plugin-scaffolder-react/alpha';
import {
  stagecraftFieldComponents,
  type StagecraftFieldName,
} from './fieldComponents';

/** A scaffolder form field (new frontend system) for one of the pickers. */
export function stagecraftFormField(name: StagecraftFieldName) {
  return createFormField({
    name,
    // The pickers type their own value and ui:options; the scaffolder passes both through.
    component: stagecraftFieldComponents[
      name
    ] as FormFieldExtensionData['component'],
  });
}
