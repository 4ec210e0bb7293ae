// The example needs nothing beyond Svelte's defaults; svelte-check and the vite plugin read this file.
export default {};
