import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { ReactNode, RefObject } from 'react';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description: string;
  /** The body and buttons; mounted only while open, so each opening starts fresh. */
  children: ReactNode;
  returnFocusTo?: RefObject<HTMLElement | null>;
}

/**
 * A destructive confirmation (Radix AlertDialog: no closing by clicking
 * outside). The caller's confirm button closes it only once the action
 * succeeded, so an error stays visible next to the choice.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { returnFocusTo } = props;
  return (
    <AlertDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="overlay" />
        <AlertDialog.Content
          className="dialog"
          data-testid="confirm-dialog"
          onCloseAutoFocus={(event) => {
            if (!returnFocusTo?.current) return;
            event.preventDefault();
            returnFocusTo.current.focus();
          }}
        >
          <AlertDialog.Title className="dialog-title">{props.title}</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">
            {props.description}
          </AlertDialog.Description>
          {props.children}
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

export const ConfirmCancel = AlertDialog.Cancel;
