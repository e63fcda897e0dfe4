/**
 * Scenario generation, measured in a child process so its peak RSS is its own:
 * the parent spawns this file with --child and reads one JSON line back.
 */
import { spawn } from 'node:child_process';
import { writeScenario } from '../src/scenario/writeScenario';

export interface GenerationFigures {
  borrowers: number;
  records: number;
  ms: number;
  maxRssMiB: number;
}

export function measureGeneration(borrowers: number, folder: string, onProgress: (done: number) => void): Promise<GenerationFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--child', String(borrowers), folder], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      let newline: number;
      while ((newline = out.indexOf('\n')) >= 0) {
        const line = JSON.parse(out.slice(0, newline)) as { progress?: number } & Partial<GenerationFigures>;
        out = out.slice(newline + 1);
        if (line.progress !== undefined) onProgress(line.progress);
        else resolve(line as GenerationFigures);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => code !== 0 && reject(new Error(`generation of ${borrowers} borrowers exited with ${code}`)));
  });
}

async function child(borrowers: number, folder: string): Promise<void> {
  const started = performance.now();
  let reported = 0;
  const { counts } = await writeScenario({ borrowers, seed: 1 }, folder, 'ndjson', (done) => {
    if (done - reported >= 50_000 || done === borrowers) {
      reported = done;
      process.stdout.write(JSON.stringify({ progress: done }) + '\n');
    }
  });
  const figures: GenerationFigures = {
    borrowers,
    records: Object.values(counts).reduce((a, b) => a + b, 0),
    ms: Math.round(performance.now() - started),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
}

if (process.argv[2] === '--child') void child(Number(process.argv[3]), process.argv[4]!);
