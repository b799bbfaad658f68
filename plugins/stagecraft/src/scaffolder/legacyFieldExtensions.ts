/*
 * The pickers for apps on the legacy frontend system: place them inside
 * `<ScaffolderFieldExtensions>` of the scaffolder's route in App.tsx.
 */
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { stagecraftLegacyPlugin } from '../legacy';
import {
  stagecraftFieldComponents,
  type StagecraftFieldName,
} from './fieldComponents';

const legacyField = (name: StagecraftFieldName) =>
  stagecraftLegacyPlugin.provide(
    createScaffolderFieldExtension({
      name,
      component: stagecraftFieldComponents[name] as (
        props: any,
      ) => JSX.Element | null,
    }),
  );

/** A component type and its parameters form, from the catalog's ComponentTypes. @public */
export const StagecraftComponentTypePickerFieldExtension = legacyField(
  'StagecraftComponentTypePicker',
);

/** The endpoints a component may depend on, with the reason for the rest. @public */
export const StagecraftDependencyPickerFieldExtension = legacyField(
  'StagecraftDependencyPicker',
);

/** An environment of the component's pipeline, in order. @public */
export const StagecraftEnvironmentPickerFieldExtension = legacyField(
  'StagecraftEnvironmentPicker',
);
