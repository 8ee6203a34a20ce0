// Input limits shared by every entry point: CLI options, config files and the web page import
// them from here, so a value one of them accepts the others accept too.

/** Largest k (patches) and p (patch dimension) of an experiment or a page run. */
export const MAX_DIMENSION = 100_000;
