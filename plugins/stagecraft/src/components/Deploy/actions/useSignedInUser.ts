import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/** Who is signed in, as far as the Deploy tab needs to know. */
export type SignedInUser =
  | { loading: true }
  | {
      loading: false;
      /**
       * `user:default/ann`: the form the backend records as the actor of a request (its
       * `actorOf` takes the token's userEntityRef as it is); compare it with `sameActor`, as
       * the backend does. Undefined when the identity cannot be read.
       */
      userEntityRef?: string;
    };

/** The signed-in user's entity ref, read once from the identity API. */
export function useSignedInUser(): SignedInUser {
  const identityApi = useApi(identityApiRef);
  const { loading, value } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  if (loading) return { loading: true };
  return { loading: false, userEntityRef: value?.userEntityRef };
}
