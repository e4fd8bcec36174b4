import type { Depiction } from '../../../shared/render/depiction.ts';
import type { I18n } from '../../i18n/index.ts';

/**
 * What a scene's picture showed, as three lines for its card: the setting
 * and time, the props with their counts, the figures, each with the words of
 * the scene it came from. Icon names come from emojibase in the UI's
 * language (French or English). Pure.
 */
export function summariseDepiction(
  depiction: Depiction,
  { t, has, locale }: Pick<I18n, 't' | 'has' | 'locale'>,
): { setting: string; props: string; figures: string } {
  const from = (thing: string, words: readonly string[]) =>
    words.length
      ? t('depiction.from', {
          thing,
          words: words.map((word) => t('depiction.word', { word })).join(', '),
        })
      : thing;
  const kindKey = `depiction.kind.${depiction.setting.kind}`;
  const kind = has(kindKey) ? t(kindKey) : depiction.setting.kind;
  const setting = from(
    t('depiction.settingTime', { kind, time: t(`depiction.time.${depiction.time}`) }),
    depiction.setting.words,
  );
  const props = depiction.props.map((prop) =>
    from(t('depiction.count', { thing: prop.label[locale], count: prop.count }), prop.words),
  );
  // Figures from one word ("family") are one entry with their count.
  const figures: { thing: string; words: string[]; count: number }[] = [];
  for (const figure of depiction.figures) {
    const thing = figure.name ?? t('depiction.unnamed');
    const same = figures.find((f) => f.thing === thing && f.words.join() === figure.words.join());
    if (same && figure.name === null) same.count++;
    else figures.push({ thing, words: figure.name ? [] : figure.words, count: 1 });
  }
  const none = t('depiction.none');
  return {
    setting: t('depiction.setting', { setting }),
    props: t('depiction.props', { list: props.join(', ') || none }),
    figures: t('depiction.figures', {
      list:
        figures
          .map((f) =>
            from(
              f.count > 1 ? t('depiction.count', { thing: f.thing, count: f.count }) : f.thing,
              f.words,
            ),
          )
          .join(', ') || none,
    }),
  };
}
