import type { Role } from '../../shared/api/roles.ts';
import { api } from './web-server.ts';

/** Someone signed up (signUp() in web-server.ts): their session token and e-mail. */
export interface Invitee {
  token: string;
  email: string;
}

/**
 * Makes `member` a member of the project the only way there is: the owner
 * invites their e-mail through the API and they accept the link. Returns
 * what accepting answered ({ project }).
 */
export async function addMember(
  web: { url: string },
  ownerToken: string,
  projectId: string,
  member: Invitee,
  role: Role,
) {
  const invited = await api(web.url, 'POST', `/api/v1/projects/${projectId}/invitations`, {
    token: ownerToken,
    body: { email: member.email, role },
  });
  if (invited.status !== 201) throw new Error(`invitation failed: ${JSON.stringify(invited.body)}`);
  const token = String(invited.body.link).split('/').pop();
  const accepted = await api(web.url, 'POST', `/api/v1/invitations/by-token/${token}/accept`, {
    token: member.token,
  });
  if (accepted.status !== 200)
    throw new Error(`accepting failed: ${JSON.stringify(accepted.body)}`);
  return accepted.body as { project: { id: string; role: Role } };
}
