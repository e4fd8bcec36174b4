import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Depiction } from '../../../shared/render/depiction.ts';
import { i18n } from '../../i18n/index.ts';
import { summariseDepiction } from './depiction-summary.ts';

const depiction: Depiction = {
  setting: { kind: 'harbour', words: ['port'] },
  time: 'night',
  weather: 'clear',
  props: [
    { icon: 'sailboat', label: { en: 'sailboat', fr: 'voilier' }, words: ['boat'], count: 1 },
    {
      icon: 'wastebasket',
      label: { en: 'wastebasket', fr: 'corbeille à papiers' },
      words: ['bins'],
      count: 3,
    },
  ],
  figures: [
    { name: 'Nadia', icon: 'woman-standing', words: ['Nadia'], colour: '#c0392b', scale: 1 },
    { name: null, icon: 'man-standing', words: ['family'], colour: '#2980b9', scale: 1 },
    { name: null, icon: 'person-standing', words: ['family'], colour: '#27ae60', scale: 0.62 },
  ],
};

test('the card says what the picture showed and which words it came from, in English', () => {
  assert.deepEqual(summariseDepiction(depiction, i18n('en')), {
    setting: 'Setting: harbour, night (from “port”)',
    props: 'Props: sailboat ×1 (from “boat”), wastebasket ×3 (from “bins”)',
    figures: 'Figures: Nadia, person ×2 (from “family”)',
  });
});

test('… and in French, with French icon names; nothing drawn reads as none', () => {
  const fr = summariseDepiction(
    { ...depiction, props: depiction.props.slice(1), figures: [] },
    i18n('fr'),
  );
  assert.deepEqual(fr, {
    setting: 'Décor : port, nuit (d’après « port »)',
    props: 'Objets : corbeille à papiers ×3 (d’après « bins »)',
    figures: 'Personnages : aucun',
  });
});
