/** The guided stories: the scenes (data) and the component that lists them. */
export { SCENES, scene, queryString, STANDARD_INIT, type Scene, type SceneKind } from './scenes.js';
export { Stories, type StoriesProps } from './Stories.js';
export { renderTex } from './tex.js';
