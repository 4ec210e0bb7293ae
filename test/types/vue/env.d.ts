// What a Vue app adds once: the kit's tags become typed in templates.
import type {} from 'rtc-elements/vue';
