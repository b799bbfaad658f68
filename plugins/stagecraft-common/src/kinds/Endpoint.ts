import { z } from 'zod';
import { dnsLabel, entityRef } from './common';

/** Who may reach an endpoint. */
export const endpointVisibilitySchema = z.enum([
  'project',
  'organization',
  'public',
]);
export type EndpointVisibility = z.infer<typeof endpointVisibilitySchema>;

export const endpointProtocolSchema = z.enum([
  'http',
  'grpc',
  'graphql',
  'websocket',
  'tcp',
  'udp',
]);
export type EndpointProtocol = z.infer<typeof endpointProtocolSchema>;

/**
 * `Endpoint` (stagecraft.dev/v1alpha1): a port a component serves, with who may call it.
 */
export const endpointSpecSchema = z.strictObject({
  /** The component that serves this endpoint. */
  component: entityRef,
  port: z.number().int().min(1).max(65535),
  protocol: endpointProtocolSchema.default('http'),
  /** Path prefix for HTTP-like protocols; must start with `/`. */
  basePath: z.string().regex(/^\//, 'must start with "/"').default('/'),
  visibility: endpointVisibilitySchema.default('project'),
  /** An `API` entity describing the endpoint's schema. */
  api: entityRef.optional(),
});
export type EndpointSpec = z.infer<typeof endpointSpecSchema>;

/** Endpoint names become Service port names and env var prefixes, so they must be labels. */
export const endpointNameSchema = dnsLabel;
