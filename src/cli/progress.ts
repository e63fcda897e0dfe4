import { SingleBar } from 'cli-progress';
import type { LoadOptions, LoadPhase } from '../ingest/bulkLoad';

/**
 * A progress bar on stderr with a rate (items/s), for the long commands. When the total
 * is unknown it shows a running count instead of a bar. Outside a terminal (CI logs) it
 * prints a line every few seconds and one when the stage ends, rather than redrawing.
 */
export class Progress {
  private bar: SingleBar | null = null;
  private startedAt = 0;
  private lastLine = 0;
  private done = 0;
  private total: number | null = null;
  private stopped = false;

  constructor(
    private readonly label: string,
    private readonly unit = 'records',
  ) {}

  update(done: number, total: number | null): void {
    if (this.stopped) return;
    const now = Date.now();
    if (this.startedAt === 0) this.startedAt = this.lastLine = now;
    this.done = done;
    this.total = total;
    if (!process.stderr.isTTY) {
      if (now - this.lastLine >= 5000) {
        this.lastLine = now;
        process.stderr.write(`${this.line()}\n`);
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
    this.bar.update(done, { rate: this.rate().toLocaleString('en') });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
    } else if (this.startedAt !== 0 && !process.stderr.isTTY) {
      process.stderr.write(`${this.line()} - done in ${((Date.now() - this.startedAt) / 1000).toFixed(1)} s\n`);
    }
  }

  private rate(): number {
    return Math.round(this.done / Math.max((Date.now() - this.startedAt) / 1000, 0.001));
  }

  private line(): string {
    const of = this.total ? `/${this.total.toLocaleString('en')}` : '';
    return `${this.label}: ${this.done.toLocaleString('en')}${of} ${this.unit} (${this.rate().toLocaleString('en')} ${this.unit}/s)`;
  }
}

/**
 * The progress of a bulk load: one bar per phase, the validation bar closed (with its
 * time) as soon as writing starts. Call `stop` when the load ends, however it ends.
 */
export function bulkLoadProgress(): { onProgress: NonNullable<LoadOptions['onProgress']>; stop(): void } {
  const bars: Record<LoadPhase, Progress> = { validating: new Progress('validating'), writing: new Progress('writing') };
  return {
    onProgress: (phase, done, total) => {
      if (phase === 'writing') bars.validating.stop();
      bars[phase].update(done, total);
    },
    stop: () => {
      bars.validating.stop();
      bars.writing.stop();
    },
  };
}
