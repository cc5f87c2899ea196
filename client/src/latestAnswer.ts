/**
 * Asks again and again (a count after every grade, save, new server) where the answers may come
 * back in another order than the questions: an answer is used only when no later question was
 * asked meanwhile, so an older count never replaces a newer one.
 */
export class LatestAnswer {
  private asked = 0;

  /** Drops the answers of the questions asked so far (what they would show is out of date). */
  forget(): void {
    this.asked++;
  }

  /** Runs `ask`; `use` (or `fail`) gets its outcome only if it is the last question asked. Resolves when it is settled. */
  async run<T>(ask: () => Promise<T>, use: (answer: T) => void, fail: (error: unknown) => void): Promise<void> {
    const mine = ++this.asked;
    let answer: T;
    try {
      answer = await ask();
    } catch (error) {
      if (mine === this.asked) fail(error);
      return;
    }
    if (mine === this.asked) use(answer);
  }
}
