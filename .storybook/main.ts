import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Without this, Storybook's dev server pre-bundles a second copy of Lit ("Multiple versions of Lit loaded").
    const include = viteConfig.optimizeDeps?.include ?? [];
    viteConfig.optimizeDeps = { ...viteConfig.optimizeDeps, include: [...include, 'lit/directive-helpers.js'] };
    return viteConfig;
  },
};

export default config;
