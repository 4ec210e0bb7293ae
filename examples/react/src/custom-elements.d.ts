// Every <rtc-*> tag typed in JSX: attributes, properties and `onrtc-…` events with their detail types.
import type { CustomElements } from 'rtc-elements/jsx';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
