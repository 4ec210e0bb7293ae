import { defineConfig } from 'vite';

/** Each tag gets a define entry of its own, `rtc-elements/define/<tag>`, built from its folder. */
const elements = {
  'rtc-room': 'room',
  'rtc-conference': 'conference',
  'rtc-prejoin': 'prejoin',
  'rtc-participant-video': 'participant-video',
  'rtc-local-preview': 'local-preview',
  'rtc-cast-controls': 'cast-controls',
  'rtc-connection-status': 'connection-status',
  'rtc-media-toggle': 'media-toggle',
  'rtc-leave-button': 'leave-button',
  'rtc-control-bar': 'control-bar',
  'rtc-audio-unlock': 'audio-unlock',
  'rtc-grid': 'grid',
  'rtc-participant-list': 'participant-list',
  'rtc-device-select': 'device-select',
  'rtc-speaker-layout': 'speaker-layout',
  'rtc-layout-toggle': 'layout-toggle',
  'rtc-cast-view': 'cast-view',
  'rtc-chat': 'chat',
  'rtc-barrage': 'barrage',
  'rtc-call-center': 'call-center',
  'rtc-call-button': 'call-button',
  'rtc-incoming-call': 'incoming-call',
  'rtc-stats-panel': 'stats-panel',
  'rtc-system-check': 'system-check',
};

const external = (id: string) =>
  /^(lit|@lit\/|livekit-client|@livekit\/|react$|react\/)/.test(id);

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      formats: ['es'],
      entry: {
        index: 'src/index.ts',
        define: 'src/define.ts',
        core: 'src/core/index.ts',
        // The React wrappers' runtime; scripts/framework-types.mjs writes the wrappers themselves beside it.
        'react/create-component': 'src/react/create-component.ts',
        ...Object.fromEntries(
          Object.entries(elements).map(([tag, folder]) => [`define/${tag}`, `src/elements/${folder}/${tag}.ts`]),
        ),
      },
    },
    rolldownOptions: { external },
  },
});
