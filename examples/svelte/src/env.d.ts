// Every <rtc-*> tag typed in markup (svelte-check): attributes, properties and events, from rtc-elements/svelte.
import type {} from 'rtc-elements/svelte';
