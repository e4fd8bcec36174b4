import * as RadixDialog from '@radix-ui/react-dialog';
import { useState, type ReactNode, type RefObject } from 'react';

interface DialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description?: string;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
  /** Extra class on the dialog box (a size of its own, for instance). */
  className?: string;
  /** Where focus goes when the dialog closes (for dialogs opened from a menu). */
  returnFocusTo?: RefObject<HTMLElement | null>;
}

/** A modal dialog: focus trapped, Escape closes, title and description announced. */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  testId,
  wide,
  className,
  returnFocusTo,
}: DialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="overlay" />
        <RadixDialog.Content
          className={['dialog', wide ? 'dialog-wide' : null, className].filter(Boolean).join(' ')}
          data-testid={testId}
          onCloseAutoFocus={(event) => {
            if (!returnFocusTo?.current) return;
            event.preventDefault();
            returnFocusTo.current.focus();
          }}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="dialog-description">
              {description}
            </RadixDialog.Description>
          ) : null}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export const DialogClose = RadixDialog.Close;

/**
 * A button that opens a dialog it owns (its open state inside): the bar's
 * Share and Members, the projects list's starters. `children` are mounted
 * only while the dialog is open, as Radix mounts its content.
 */
export function DialogButton({
  label,
  buttonTestId,
  buttonTitle,
  ...dialog
}: Omit<DialogProps, 'open' | 'onOpenChange'> & {
  label: ReactNode;
  buttonTestId: string;
  buttonTitle?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid={buttonTestId}
        title={buttonTitle}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      <Dialog open={open} onOpenChange={setOpen} {...dialog} />
    </>
  );
}
