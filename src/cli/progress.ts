import { SingleBar } from 'cli-progress';

/**
 * A progress bar on stderr with a rate (items/s), for the long commands. When the total
 * is unknown it shows a running count instead of a bar. Outside a terminal (CI logs) it
 * prints a line every few seconds rather than redrawing.
 */
export class Progress {
  private bar: SingleBar | null = null;
  private startedAt = 0;
  private lastLine = 0;

  constructor(
    private readonly label: string,
    private readonly unit = 'records',
  ) {}

  update(done: number, total: number | null): void {
    const now = Date.now();
    if (this.startedAt === 0) this.startedAt = now;
    const rate = Math.round(done / Math.max((now - this.startedAt) / 1000, 0.001));
    if (!process.stderr.isTTY) {
      if (now - this.lastLine >= 5000) {
        this.lastLine = now;
        process.stderr.write(`${this.label}: ${done.toLocaleString('en')}${total ? `/${total.toLocaleString('en')}` : ''} ${this.unit} (${rate.toLocaleString('en')} ${this.unit}/s)\n`);
      }
      return;
    }
    if (!this.bar) {
      const format = total === null
        ? `${this.label.padEnd(11)} {value} ${this.unit} | {rate} ${this.unit}/s`
        : `${this.label.padEnd(11)} |{bar}| {percentage}% | {value}/{total} ${this.unit} | {rate} ${this.unit}/s | ETA {eta_formatted}`;
      this.bar = new SingleBar({ format, stream: process.stderr, hideCursor: true, etaBuffer: 50 });
      this.bar.start(total ?? 0, 0, { rate: 0 });
    }
    this.bar.update(done, { rate: rate.toLocaleString('en') });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
