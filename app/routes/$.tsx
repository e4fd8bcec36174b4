/**
 * Every address no other route serves. Without this route Remix answers an
 * unknown address before the root loader runs, so the not-found page knew
 * neither the person (it offered "Sign in" to someone signed in) nor their
 * language; here the root loader runs first and the root's error boundary
 * words the 404 with both.
 */
export function loader(): never {
  throw new Response(null, { status: 404, statusText: 'Not Found' });
}

export default function NotFound() {
  // Never rendered: the loader always throws to the root's error boundary.
  return null;
}
