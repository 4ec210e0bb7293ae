// Register the tags before React's first render, so rich props are set as properties.
import 'rtc-elements/define';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

createRoot(document.querySelector('#root')!).render(<App />);
