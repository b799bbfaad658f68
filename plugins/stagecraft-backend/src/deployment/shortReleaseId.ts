/**
 * A release as messages and logs name it. Release ids are 64-character SHA-256 hex digests;
 * 12 characters tell releases of one component apart, the way short git commit ids do.
 */
export function shortReleaseId(releaseId: string): string {
  return releaseId.slice(0, 12);
}
