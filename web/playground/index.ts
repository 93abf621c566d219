/** The training playground: the component, its settings and their URL form. */
export { Playground, type PlaygroundProps } from './Playground.js';
export { PLAYGROUND_DEFAULTS, PLAYGROUND_MAX, parsePlaygroundQuery, playgroundQuery, sessionConfig, trainCommand, type PlaygroundConfig } from './config.js';
