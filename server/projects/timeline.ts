import type * as Y from 'yjs';
import { toTimeline } from '../../shared/project-doc.ts';
import { TimelineError, type Timeline, type TimelineIssue } from '../../shared/timeline.ts';

/** The timeline of a live document for display: issues are reported, not thrown. */
export function safeTimeline(doc: Y.Doc): {
  timeline: Timeline | null;
  timelineIssues?: TimelineIssue[];
} {
  try {
    return { timeline: toTimeline(doc) };
  } catch (err) {
    if (err instanceof TimelineError) return { timeline: null, timelineIssues: err.issues };
    throw err;
  }
}
