/**
 * The explorer's other two tabs: the guided stories (web/stories/) and the training playground
 * (web/playground/). A story's scene sets the lab's state, pins a comparison, or sets up the
 * playground.
 */
import { useState } from 'preact/hooks';
import { parsePlaygroundQuery, Playground, type PlaygroundConfig } from './playground/index.js';
import { Stories, type Scene } from './stories/index.js';

export type Tab = 'lab' | 'stories' | 'playground';

export interface ExtrasProps {
  readonly tab: Tab;
  /** Show the playground tab. */
  readonly onShowPlayground: () => void;
  /** A scene of one run: the lab's URL query. */
  readonly onApplyOne: (query: string) => void;
  /** A scene comparing runs: their queries, pinned in turn. */
  readonly onApply: (queries: readonly string[]) => void;
}

export function Extras({ tab, onShowPlayground, onApplyOne, onApply }: ExtrasProps) {
  const [playground, setPlayground] = useState<Partial<PlaygroundConfig> | undefined>(undefined);
  const apply = (scene: Scene) => {
    if (scene.kind === 'propagate' && scene.query !== undefined) onApplyOne(scene.query);
    else if (scene.kind === 'compare' && scene.queries !== undefined) onApply(scene.queries);
    else if (scene.kind === 'playground' && scene.playground !== undefined) {
      setPlayground(parsePlaygroundQuery(scene.playground));
      onShowPlayground();
    }
  };
  return (
    <>
      <section id="panel-stories" role="tabpanel" aria-labelledby="tab-stories" hidden={tab !== 'stories'} class="extra">
        <Stories onApply={apply} />
      </section>
      <section id="panel-playground" role="tabpanel" aria-labelledby="tab-playground" hidden={tab !== 'playground'} class="extra">
        {tab === 'playground' || playground !== undefined ? <Playground config={playground} workerUrl={new URL('./playground-worker.js', import.meta.url)} /> : null}
      </section>
    </>
  );
}
