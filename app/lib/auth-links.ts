/**
 * A link to sign-in or sign-up that keeps where the user was going (an
 * invitation link, say); the target is checked again by safeRedirectTarget.
 */
export const withRedirect = (path: '/login' | '/signup', redirectTo: string | null) =>
  redirectTo ? `${path}?redirectTo=${encodeURIComponent(redirectTo)}` : path;
