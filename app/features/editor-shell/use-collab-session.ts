import { useEffect, useState, useSyncExternalStore } from 'react';
import { CollabSession, type CollabSnapshot } from '../../collab/collab-session.ts';
import type { Role } from '../../../shared/api/roles.ts';

const noSubscribe = () => () => {};
const noSnapshot = (): CollabSnapshot | null => null;

/** Opens the live document in the browser only (nothing of it runs on the server render). */
export function useCollabSession(
  projectId: string,
  user: { id: string; name: string },
  role: Role,
): { session: CollabSession | null; snapshot: CollabSnapshot | null } {
  const [session, setSession] = useState<CollabSession | null>(null);
  // The loader's role is only the first guess; each collab token then says.
  const [initialRole] = useState(role);
  useEffect(() => {
    const next = new CollabSession({
      projectId,
      user: { id: user.id, name: user.name },
      role: initialRole,
    });
    next.start();
    setSession(next);
    return () => {
      next.destroy();
      setSession(null);
    };
  }, [projectId, user.id, user.name, initialRole]);
  const snapshot = useSyncExternalStore(
    session?.subscribe ?? noSubscribe,
    session?.getSnapshot ?? noSnapshot,
    noSnapshot,
  );
  return { session, snapshot };
}
