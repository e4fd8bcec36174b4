/**
 * The sizes the API accepts, defined once: the server's schemas refuse past
 * them and the UI's fields stop there (`maxLength`, the import dialog's size
 * check), so both sides can never disagree.
 */

/** A person's display name (sign-up). */
export const MAX_USER_NAME = 100;
/** An e-mail address (RFC 5321's path limit). */
export const MAX_EMAIL = 254;
/** A password's length (NIST SP 800-63B: length first; strength is judged on the server). */
export const MIN_PASSWORD = 10;
/** A password as typed; longer ones are refused before hashing. */
export const MAX_PASSWORD = 200;
/** A project's title. */
export const MAX_TITLE = 200;
/** A revision's commit message. */
export const MAX_MESSAGE = 500;
/** A cast member's name. */
export const MAX_NAME = 200;
/** A music bed's display name (the uploaded file's name, kept for people, never for ffmpeg). */
export const MAX_MUSIC_NAME = 200;
/** A cast member's description. */
export const MAX_DESCRIPTION = 2000;
/** A script sent for analysis or import: 1 MB of UTF-8. */
export const MAX_SCRIPT_BYTES = 1_000_000;
/** The longest a scene may be set to in the editor and the timeline (the server may cap renders lower: MAX_SCENE_SECONDS). */
export const MAX_SCENE_SEC = 600;
