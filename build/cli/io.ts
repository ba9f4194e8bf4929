/** Where commands write. Tests pass their own sinks; the binary passes process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => void process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};
