// What a Svelte app adds once: the kit's tags become typed in markup.
import type {} from 'rtc-elements/svelte';
