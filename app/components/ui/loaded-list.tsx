import type { ReactNode } from 'react';

/**
 * A titled list loaded from the API, in its four states: the load failed
 * (why, and Retry), loading, empty, and the items (preview links, API tokens,
 * webhooks).
 */
export function LoadedList<Item>(props: {
  heading: string;
  headingId: string;
  items: Item[] | null;
  /** Why loading failed, in the reader's language; null: it did not. */
  loadError: string | null;
  onRetry(): void;
  texts: { loadFailed: string; retry: string; loading: string; empty: string };
  testIds: { empty: string; list: string };
  renderItem(item: Item): ReactNode;
}) {
  const { items, texts, testIds } = props;
  return (
    <section className="share-links" aria-labelledby={props.headingId}>
      <h3 id={props.headingId} className="render-subhead">
        {props.heading}
      </h3>
      {props.loadError !== null ? (
        <p className="form-error" role="alert">
          {texts.loadFailed} {props.loadError}{' '}
          <button type="button" className="btn btn-small" onClick={props.onRetry}>
            {texts.retry}
          </button>
        </p>
      ) : items === null ? (
        <p className="muted">{texts.loading}</p>
      ) : items.length === 0 ? (
        <p className="muted" data-testid={testIds.empty}>
          {texts.empty}
        </p>
      ) : (
        <ul className="member-list" data-testid={testIds.list}>
          {items.map(props.renderItem)}
        </ul>
      )}
    </section>
  );
}
