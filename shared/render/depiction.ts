/**
 * What a scene's picture depicts, as its image engine drew it: the setting
 * and each prop and figure, with the words of the scene they came from, so a
 * person (the scene card) and a test can check that "boat" or "famille"
 * became something on screen.
 */
export interface Depiction {
  setting: { kind: string; words: string[] };
  time: 'day' | 'dawn' | 'sunset' | 'night';
  weather: 'clear' | 'rain' | 'snow' | 'fog';
  props: DepictedProp[];
  figures: DepictedFigure[];
}

export interface DepictedProp {
  /** The icon's name in its illustration set. */
  icon: string;
  /** The icon's name for people, in English and French. */
  label: { en: string; fr: string };
  words: string[];
  count: number;
  /** Hung from the ceiling or seen overhead ("nets on the ceiling", "au plafond"). */
  overhead?: boolean;
}

export interface DepictedFigure {
  /** The cast member drawn, or null for a figure named by the prompt ("a family"). */
  name: string | null;
  icon: string;
  words: string[];
  /** The figure's clothing colour. */
  colour: string;
  /** Relative height: 1 for an adult, less for a child. */
  scale: number;
}

/** A render's depictions, one per scene whose picture an engine drew. */
export type SceneDepiction = { sceneId: string; depiction: Depiction };
