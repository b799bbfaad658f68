/**
 * The Stagecraft control plane backend plugin.
 *
 * @packageDocumentation
 */

export { stagecraftPlugin as default } from './plugin';
