// A jest reporter that keeps, in .jest-running, the test files started and not yet finished.
// When jest itself dies (killed by a signal, for instance by an out-of-memory killer), it
// writes no results; scripts/test.mjs then names the files that were running.
const { writeFileSync } = require('node:fs');

const FILE = '.jest-running';

module.exports = class RunningFiles {
  constructor() {
    this.running = new Set();
    writeFileSync(FILE, '');
  }

  onTestFileStart(test) {
    this.running.add(test.path);
    this.save();
  }

  onTestFileResult(test) {
    this.running.delete(test.path);
    this.save();
  }

  save() {
    writeFileSync(FILE, [...this.running].map((path) => `${path}\n`).join(''));
  }
};
