// svelte-check's configuration for the typing fixtures: nothing to configure.
export default {};
