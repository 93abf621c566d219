/** The explorer's entry point: mounts the page. */
import { render } from 'preact';
import { App } from './app.js';
import './style.css';

document.documentElement.dataset.runState = 'running';
render(<App />, document.getElementById('app')!);
