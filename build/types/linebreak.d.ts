/** The `linebreak` package (UAX #14 line breaking, as pdfkit uses it) ships no types: the part regmark calls. */
declare module 'linebreak' {
  export interface Break {
    /** Offset (UTF-16 code units) in the text where a line may start. */
    position: number;
    /** A mandatory break (after a line feed, paragraph separator, …). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
