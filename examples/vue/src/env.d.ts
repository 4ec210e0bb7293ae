// Every <rtc-*> tag typed in templates (vue-tsc): camelCase props and typed events, from rtc-elements/vue.
import type {} from 'rtc-elements/vue';
