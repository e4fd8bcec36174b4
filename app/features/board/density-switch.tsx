import { useI18n, type MessageKey } from '../../i18n/index.ts';
import type { CardDensity } from '../editor-shell/layout-prefs.ts';

const DENSITIES: { value: CardDensity; label: MessageKey }[] = [
  { value: 'comfortable', label: 'layout.density.comfortable' },
  { value: 'compact', label: 'layout.density.compact' },
];

/** Detailed cards (every field) or compact ones (title, duration, small picture, a line of narration). */
export function DensitySwitch(props: {
  density: CardDensity;
  onChange(density: CardDensity): void;
}) {
  const { t } = useI18n();
  return (
    <div
      className="density-switch"
      role="group"
      aria-label={t('layout.density')}
      data-testid="density-switch"
    >
      {DENSITIES.map((option) => (
        <button
          key={option.value}
          type="button"
          className="density-option"
          aria-pressed={props.density === option.value}
          data-testid={`density-${option.value}`}
          onClick={() => props.onChange(option.value)}
        >
          {t(option.label)}
        </button>
      ))}
    </div>
  );
}
