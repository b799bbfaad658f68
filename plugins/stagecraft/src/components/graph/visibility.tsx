import BusinessIcon from '@mui/icons-material/Business';
import LockIcon from '@mui/icons-material/Lock';
import PublicIcon from '@mui/icons-material/Public';
import type { SvgIconProps } from '@mui/material/SvgIcon';
import type { EndpointVisibility } from '@stagecraft/plugin-stagecraft-common';
import { ComponentType } from 'react';

/** Who may call an endpoint, in words and as an icon. */
export const VISIBILITY: Record<
  EndpointVisibility,
  { label: string; description: string; Icon: ComponentType<SvgIconProps> }
> = {
  project: {
    label: 'Project',
    description: 'only components of its project',
    Icon: LockIcon,
  },
  organization: {
    label: 'Organization',
    description: 'any project, and the internal gateway',
    Icon: BusinessIcon,
  },
  public: {
    label: 'Public',
    description: 'any project, and both gateways',
    Icon: PublicIcon,
  },
};
