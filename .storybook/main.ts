import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig, { configType }) {
    // `npm run storybook` is a whole conference for the live stories, as `npm start` is: the demo's plugin starts
    // the dev server on 127.0.0.1:7880 (or finds `npm start`'s there, whose dev key it shares) and answers POST
    // /token and /cast. A static build has neither, and its live stories say so.
    if (configType === 'DEVELOPMENT') {
      const { devTokenEndpoint } = await import('../demo/token-endpoint.js');
      viteConfig.plugins = [...(viteConfig.plugins ?? []), devTokenEndpoint(process.env.RTC_SERVER_URL)];
    }
    // Without this, Storybook's dev server pre-bundles a second copy of Lit ("Multiple versions of Lit loaded").
    const include = viteConfig.optimizeDeps?.include ?? [];
    viteConfig.optimizeDeps = { ...viteConfig.optimizeDeps, include: [...include, 'lit/directive-helpers.js'] };
    return viteConfig;
  },
};

export default config;
