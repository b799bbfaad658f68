/*
 * The Backstage backend that hosts Stagecraft for the demo and the end-to-end tests.
 */
import { createBackend } from '@backstage/backend-defaults';
import { rootLoggerServiceFactory } from './logging/rootLoggerServiceFactory';
import { memoryReleaseServiceFactory } from './memory/memoryReleaseService';
import { deferKubernetesBackendClouds } from './modules/kubernetesBackendClouds';
import { permissionPolicyModule } from './permissions/permissionPolicyModule';

// Before the stock Kubernetes backend loads: it requires Google's GKE client whether or not
// GKE is configured (modules/kubernetesBackendClouds.ts).
deferKubernetesBackendClouds();

const backend = createBackend();

// Backstage's root logger, its config schema (for secret redaction) loaded in a worker thread.
backend.add(rootLoggerServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));

// The events bus: the catalog publishes entity changes on it.
backend.add(import('@backstage/plugin-events-backend'));

// Sign-in: the guest provider, for local use (see app-config.yaml).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// The catalog, with Stagecraft's kinds and the scaffolder's Template kind.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@stagecraft/plugin-catalog-backend-module-stagecraft'));

// Golden paths.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@stagecraft/plugin-scaffolder-backend-module-stagecraft'));

// Permissions: reads for everyone, writes gated (see permissions/StagecraftPermissionPolicy.ts).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionPolicyModule);

// The stock Kubernetes plugin reads the objects Stagecraft labels with backstage.io/kubernetes-id.
backend.add(import('@backstage/plugin-kubernetes-backend'));

// Actions registry as MCP tools for agents.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// The Stagecraft control plane.
backend.add(import('@stagecraft/plugin-stagecraft-backend'));

// Hands the pages a busy V8 heap grew into back to the system (memory/MemoryRelease.ts): a root
// service, started eagerly, with no plugin-scoped services of its own.
backend.add(memoryReleaseServiceFactory);

backend.start();
