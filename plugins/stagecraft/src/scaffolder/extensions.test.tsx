import { getComponentData } from '@backstage/core-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { stagecraftPlugin } from '../plugin';
import { StagecraftComponentTypePicker } from './componentType/StagecraftComponentTypePicker';
import { StagecraftDependencyPicker } from './dependencies/StagecraftDependencyPicker';
import { StagecraftEnvironmentPicker } from './environment/StagecraftEnvironmentPicker';
import {
  componentTypePickerFormField,
  dependencyPickerFormField,
  environmentPickerFormField,
} from './extensions';
import {
  StagecraftComponentTypePickerFieldExtension,
  StagecraftDependencyPickerFieldExtension,
  StagecraftEnvironmentPickerFieldExtension,
} from './legacyFieldExtensions';

const expected = [
  {
    extension: componentTypePickerFormField,
    name: 'StagecraftComponentTypePicker',
    component: StagecraftComponentTypePicker,
    id: 'scaffolder-form-field:stagecraft/component-type-picker',
    Legacy: StagecraftComponentTypePickerFieldExtension,
  },
  {
    extension: dependencyPickerFormField,
    name: 'StagecraftDependencyPicker',
    component: StagecraftDependencyPicker,
    id: 'scaffolder-form-field:stagecraft/dependency-picker',
    Legacy: StagecraftDependencyPickerFieldExtension,
  },
  {
    extension: environmentPickerFormField,
    name: 'StagecraftEnvironmentPicker',
    component: StagecraftEnvironmentPicker,
    id: 'scaffolder-form-field:stagecraft/environment-picker',
    Legacy: StagecraftEnvironmentPickerFieldExtension,
  },
];

describe('the scaffolder form fields', () => {
  it.each(expected)(
    'the new frontend system loads $name',
    async ({ extension, name, component }) => {
      const load = createExtensionTester(extension).get(
        FormFieldBlueprint.dataRefs.formFieldLoader,
      );
      expect(await load()).toMatchObject({ name, component });
    },
  );

  it('are extensions of the plugin, attached to the scaffolder’s form-fields API', () => {
    const extensions = (stagecraftPlugin as any).extensions as {
      id: string;
      attachTo: unknown;
    }[];
    for (const { id } of expected)
      expect(extensions.find(e => e.id === id)?.attachTo).toEqual({
        id: 'api:scaffolder/form-fields',
        input: 'formFields',
      });
  });

  it.each(expected)(
    'the legacy field extension is named $name',
    ({ Legacy, name }) => {
      const data = getComponentData<{ name: string }>(
        <Legacy />,
        'scaffolder.extensions.field.v1',
      );
      expect(data?.name).toBe(name);
    },
  );
});
