import * as Tooltip from '@radix-ui/react-tooltip';
import type { ReactNode } from 'react';
import type { Depiction } from '../../../shared/render/depiction.ts';
import { useI18n } from '../../i18n/index.ts';
import { summariseDepiction } from './depiction-summary.ts';

/**
 * A scene's thumbnail that says, on hover or keyboard focus, what the latest
 * render's picture depicted (setting, props, figures and the words they came
 * from). Without a recorded depiction it is the thumbnail alone.
 */
export function DepictionTip({
  depiction,
  children,
}: {
  depiction: Depiction | null;
  children: ReactNode;
}) {
  const i18n = useI18n();
  if (!depiction) return <>{children}</>;
  const summary = summariseDepiction(depiction, i18n);
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <button type="button" className="thumb-button" data-testid="scene-depiction-trigger">
          {children}
        </button>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content
          className="tooltip depiction-tip"
          sideOffset={6}
          data-testid="scene-depiction"
        >
          <strong>{i18n.t('depiction.heading')}</strong>
          <span>{summary.setting}</span>
          <span>{summary.props}</span>
          <span>{summary.figures}</span>
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
