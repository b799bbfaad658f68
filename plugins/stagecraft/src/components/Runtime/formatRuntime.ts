/*
 * Words and units for runtime values, in the short forms `kubectl` uses, so the page reads like
 * the tool operators already know.
 */

/** Time since `iso` as kubectl prints ages: `45s`, `12m`, `3h`, `5d`; `—` when unknown. */
export function formatAge(iso: string | undefined, now: number): string {
  if (!iso) return '—';
  const seconds = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (Number.isNaN(seconds)) return '—';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** `250m` (millicores), the unit Kubernetes requests and limits use. */
export function formatCpu(millicores: number): string {
  return `${Math.round(millicores)}m`;
}

/** `128 MiB`, with one decimal below 10 MiB so small sidecars do not read as zero. */
export function formatMemory(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return `${mebibytes < 10 ? mebibytes.toFixed(1) : Math.round(mebibytes)} MiB`;
}

/** `ReplicaSet web-7d9 ← Deployment web`: the owners nearest first, as the pod sees them. */
export function formatOwnerChain(owners: { kind: string; name: string }[]) {
  return owners.map(owner => `${owner.kind} ${owner.name}`).join(' ← ');
}
