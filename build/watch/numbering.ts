/** Numbers for strings, in first-seen order: how the check index stores lists it refers to by number. */
export class Numbering {
  readonly list: string[];
  private readonly index = new Map<string, number>();
  constructor(list: readonly string[] = []) {
    this.list = list.slice();
    this.list.forEach((v, i) => this.index.set(v, i));
  }
  of(value: string): number {
    let n = this.index.get(value);
    if (n === undefined) {
      this.index.set(value, (n = this.list.length));
      this.list.push(value);
    }
    return n;
  }
}
