/** One line per event; `verbose` lines only with --verbose. */
export interface Logger {
  info(line: string): void;
  verbose(line: string): void;
}

export function consoleLogger(verbose: boolean): Logger {
  const stamp = () => new Date().toISOString().slice(11, 23);
  return {
    info: (line) => console.log(`${stamp()} ${line}`),
    verbose: (line) => {
      if (verbose) console.log(`${stamp()} ${line}`);
    },
  };
}

export const silentLogger: Logger = { info: () => undefined, verbose: () => undefined };
