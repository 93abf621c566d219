/**
 * The guided stories as a list of scenes: each with its explanation, its formulas (MathML from
 * KaTeX) and a button that applies it. What "apply" does is the page's business (`onApply`): set
 * the lab's state, pin a comparison, or set up the playground.
 */
import { renderTex } from './tex.js';
import { SCENES, type Scene } from './scenes.js';
import './stories.css';

export interface StoriesProps {
  /** Called with the scene whose button was pressed. */
  readonly onApply: (scene: Scene) => void;
  /** The scenes to list (default: all of SCENES). */
  readonly scenes?: readonly Scene[];
}

const ACTION: Readonly<Record<Scene['kind'], string>> = {
  propagate: 'Run it in the lab',
  compare: 'Compare the runs',
  playground: 'Train it in the playground',
};

export function Stories({ onApply, scenes = SCENES }: StoriesProps) {
  return (
    <div class="st-stories">
      <p class="st-lede">
        The experiments behind the rules of initialization, one scene each. Read the story, then apply its settings and look at what the lab measures; change one
        thing at a time from there.
      </p>
      <ol class="st-list">
        {scenes.map((s) => (
          <li key={s.id} id={`story-${s.id}`} class="st-scene">
            <h3>{s.title}</h3>
            {s.formulas.map((f) => (
              // KaTeX's MathML of our own formulas (no user input).
              <div key={f} class="st-formula" dangerouslySetInnerHTML={{ __html: renderTex(f) }} />
            ))}
            {s.text.split('\n\n').map((p) => (
              <p key={p}>{p}</p>
            ))}
            <button type="button" class="st-apply" onClick={() => onApply(s)} aria-label={`${ACTION[s.kind]}: ${s.title}`}>
              {ACTION[s.kind]}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
