import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

import type { Role } from '../../shared/api/roles.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: Timestamp;
  /** The UI language last seen for this user (e-mails are written in it); null until known. */
  locale: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DismissedHintsTable {
  user_id: string;
  hint: string;
  dismissed_at: Generated<Timestamp>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Personal API tokens (migration 0010, ADR 0042): only the secret's hash is kept. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  scopes: string[];
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ProjectsTable {
  id: string;
  title: string;
  owner_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  role: Role;
  added_at: Timestamp;
}

/** One row per project document: the compacted Yjs state. */
export interface DocumentsTable {
  name: string;
  snapshot: Uint8Array;
  updated_at: Timestamp;
}

/** Updates received since the last compaction, appended in small batches. */
export interface DocumentUpdatesTable {
  id: Generated<string | number | bigint>;
  document: string;
  writer: string;
  data: Uint8Array;
  created_at: Timestamp;
}

/** Committed, immutable project states; id = sha256 of the canonical { projectId, timeline }. */
export interface RevisionsTable {
  id: string;
  project_id: string;
  number: number;
  parent_id: string | null;
  author_id: string | null;
  message: string;
  timeline: ColumnType<unknown, string, string>;
  doc_state: Uint8Array;
  created_at: Timestamp;
}

/** One render of a revision with a preset; `job` is the render-job machine's context (shared/render/render-job-machine.ts). */
export interface RendersTable {
  id: string;
  project_id: string;
  revision_id: string;
  preset: string;
  burn_captions: ColumnType<boolean, boolean | undefined, boolean>;
  status: string;
  job: ColumnType<unknown, string, string>;
  attempt: number;
  progress: ColumnType<unknown, string | null | undefined, string | null>;
  /** What the renders list shows (server/renders/renders.ts RenderSummary). */
  summary: ColumnType<unknown, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Timestamp;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
}

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked';

type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

/** An invitation to a project; `token_hash` is the SHA-256 of the link's token (server/invitations). */
export interface InvitationsTable {
  id: string;
  project_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string;
  status: ColumnType<InvitationStatus, InvitationStatus | undefined, InvitationStatus>;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_by: ColumnType<string | null, string | null | undefined, string | null>;
  accepted_at: NullableTimestamp;
  declined_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

/** A preview link (server/share-links); `token_hash` is the SHA-256 of the link's token. */
export interface ShareLinksTable {
  id: string;
  project_id: string;
  token_hash: string;
  /** The render the link shows; null: the project's latest finished render. */
  render_id: string | null;
  allow_comments: ColumnType<boolean, boolean | undefined, boolean>;
  label: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: Timestamp;
  /** Null: the link never expires. */
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  views: ColumnType<number, number | undefined, number>;
  last_viewed_at: NullableTimestamp;
}

/** A review comment on a scene (server/comments); the author is a member or a link's guest. */
export interface CommentsTable {
  id: string;
  project_id: string;
  scene_id: string;
  parent_id: string | null;
  render_id: string | null;
  at_sec: number | null;
  author_user_id: string | null;
  author_name: string;
  /** The preview link a guest commented through (no foreign key: share links are their own module). */
  share_link_id: string | null;
  body: string;
  /** JSON array of the mentioned user ids. */
  mentions: ColumnType<string, string | undefined, string>;
  resolved_at: NullableTimestamp;
  resolved_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  edited_at: NullableTimestamp;
}

/** One notification for one user (server/notifications). */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  project_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  render_id: string | null;
  scene_id: string | null;
  comment_id: string | null;
  excerpt: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

/** A project's webhook (server/webhooks); `events` is a JSON array of event types. */
export interface WebhooksTable {
  id: string;
  project_id: string;
  url: string;
  events: string;
  /** Kept to sign deliveries; only the creation answer shows it. */
  secret: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  /** Deliveries that failed for good in a row (a success resets it). */
  failure_count: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
  disabled_at: NullableTimestamp;
  disabled_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export type WebhookDeliveryStatus = 'pending' | 'sending' | 'retrying' | 'succeeded' | 'failed';

/** One event for one webhook, and its latest attempt (server/webhooks). */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  /** The exact JSON body sent (signed as is). */
  payload: string;
  attempt: ColumnType<number, number | undefined, number>;
  status: ColumnType<
    WebhookDeliveryStatus,
    WebhookDeliveryStatus | undefined,
    WebhookDeliveryStatus
  >;
  http_status: ColumnType<number | null, number | null | undefined, number | null>;
  duration_ms: ColumnType<number | null, number | null | undefined, number | null>;
  answer_excerpt: ColumnType<string | null, string | null | undefined, string | null>;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  next_attempt_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: NullableTimestamp;
}

export interface Database {
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  comments: CommentsTable;
  notifications: NotificationsTable;
  invitations: InvitationsTable;
  share_links: ShareLinksTable;
  renders: RendersTable;
  revisions: RevisionsTable;
  users: UsersTable;
  dismissed_hints: DismissedHintsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  documents: DocumentsTable;
  document_updates: DocumentUpdatesTable;
}

export type User = Selectable<UsersTable>;
export type Project = Selectable<ProjectsTable>;
export type NewProject = Insertable<ProjectsTable>;
