import { Link } from '@remix-run/react';

export interface ToastItem {
  id: string;
  tone: 'success' | 'danger' | 'info';
  message: string;
  /** A link the toast offers ("Watch", "See error"). */
  action?: { label: string; href: string; testId?: string };
}

/**
 * Toasts: short notices in a corner that stay until dismissed or acted on.
 * One polite live region announces each new one without moving focus (a
 * toast never steals focus from what the person is doing); each has a
 * labelled Dismiss button, so keyboard and screen-reader users can clear it.
 */
export function Toasts(props: {
  toasts: readonly ToastItem[];
  label: string;
  dismissLabel: string;
  onDismiss(id: string): void;
}) {
  return (
    <section className="toasts" aria-label={props.label} data-testid="toasts">
      <ol className="toast-list" aria-live="polite" aria-relevant="additions text">
        {props.toasts.map((toast) => (
          <li
            key={toast.id}
            className={`toast toast-${toast.tone}`}
            data-testid="toast"
            data-tone={toast.tone}
          >
            <p className="toast-message">{toast.message}</p>
            <div className="toast-actions">
              {toast.action ? (
                <Link
                  to={toast.action.href}
                  className="btn btn-small btn-primary"
                  data-testid={toast.action.testId}
                  onClick={() => props.onDismiss(toast.id)}
                >
                  {toast.action.label}
                </Link>
              ) : null}
              <button
                type="button"
                className="btn btn-small btn-quiet"
                data-testid="toast-dismiss"
                aria-label={props.dismissLabel}
                onClick={() => props.onDismiss(toast.id)}
              >
                ×
              </button>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
