/**
 * Timing run of the detection core on a synthetic population:
 *   npx tsx --max-old-space-size=8192 bench/detection.ts 1000000 [seed]
 * About five identifier links per borrower, households, public devices, mass marketing
 * channels, genuine complaints, and planted gangs (about 1% of borrowers) that share an
 * agent's phone, handset and voice. Prints per-stage timings, Louvain throughput, peak
 * RSS and how many planted gangs came out as suspected rings.
 */
import { detectRings, emptyEvidence, type Evidence } from '../src/detection';
import { mulberry32 } from '../src/detection/seededRandom';

const count = Number(process.argv[2] ?? 200_000);
const seed = Number(process.argv[3] ?? 1);
const random = mulberry32(seed);
const pick = (n: number) => Math.floor(random() * n);
const day = (d: number, h = 0) => new Date(Date.UTC(2024, 0, 1) + (d * 24 + h) * 3_600_000).toISOString();
const phone = (n: number) => `+86${13_000_000_000 + n}`;

function syntheticEvidence(): { evidence: Evidence; gangs: string[][] } {
  const e = emptyEvidence();
  const marketing = 20;
  const flyers = Math.max(10, Math.floor(count / 400));
  const publicDevices = Math.max(5, Math.floor(count / 5000));
  for (let a = 0; a < marketing; a++) e.adSources.push({ id: `mkt-${a}`, kind: 'website' });
  for (let a = 0; a < flyers; a++) e.adSources.push({ id: `flyer-${a}`, kind: 'street_flyer' });
  for (const c of ['cbirc', 'pboc', '12315', 'weibo']) e.complaintChannels.push({ id: c, kind: 'regulator' });
  const id = (i: number) => `b${String(i).padStart(8, '0')}`;
  let phones = 0;
  let complaints = 0;
  let calls = 0;

  let household = 0;
  for (let i = 0; i < count; i++) {
    const b = id(i);
    if (i % 3 === 0) household = i;
    e.borrowers.push({ id: b, overdueDays: random() < 0.3 ? 1 + pick(180) : 0 });
    e.phoneLinks.push({ borrowerId: b, phone: phone(phones++), role: 'registered' });
    e.deviceLinks.push({ borrowerId: b, deviceId: `dev-${i}` });
    if (random() < 0.5) e.phoneLinks.push({ borrowerId: b, phone: phone(10_000_000 + household), role: 'contact' });
    if (random() < 0.02) e.deviceLinks.push({ borrowerId: b, deviceId: `public-${pick(publicDevices)}` });
    e.recruitments.push({ borrowerId: b, adSourceId: random() < 0.9 ? `mkt-${pick(marketing)}` : `flyer-${pick(flyers)}` });
    if (random() < 0.1) {
      e.complaints.push({ id: `c${complaints++}`, borrowerId: b, channelId: 'cbirc', filedAt: day(pick(365), pick(24)), phone: phone(i), text: `complaint ${i} about fee ${pick(1000)}` });
    }
    if (random() < 0.5) e.calls.push({ id: `k${calls++}`, borrowerId: b, phone: phone(i), voiceprintId: `v-${i}`, voiceMatch: true, identityVerified: true });
  }

  const gangs: string[][] = [];
  for (let start = 0; start + 30 < count && gangs.length < count / 1500; start += 1500) {
    const size = 8 + pick(23);
    const g = gangs.length;
    const members = Array.from({ length: size }, (_, k) => id(start + 7 + k * 37));
    const agentPhone = phone(50_000_000 + g);
    members.forEach((b, k) => {
      e.recruitments.push({ borrowerId: b, adSourceId: `flyer-${g % flyers}` });
      e.deviceLinks.push({ borrowerId: b, deviceId: `agent-dev-${g}` });
      e.complaints.push({ id: `c${complaints++}`, borrowerId: b, channelId: 'pboc', filedAt: day(g % 300, k), phone: agentPhone, deviceId: `agent-dev-${g}`, text: `本人借款${k}元，平台收取高额砍头息与服务费，暴力催收，要求全额退还利息并消除征信记录，否则继续向监管投诉。` });
      e.calls.push({ id: `k${calls++}`, borrowerId: b, phone: agentPhone, voiceprintId: `agent-voice-${g}`, voiceMatch: false, identityVerified: k % 2 === 0 });
    });
    gangs.push(members);
  }
  return { evidence: e, gangs };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
const t0 = performance.now();
const { evidence, gangs } = syntheticEvidence();
const generated = performance.now() - t0;
const links = evidence.phoneLinks.length + evidence.deviceLinks.length + evidence.recruitments.length + 2 * evidence.complaints.length + 2 * evidence.calls.length;
console.log(`borrowers ${count}, ~links ${links}, planted gangs ${gangs.length}, generated in ${Math.round(generated)} ms, heap ${mb(process.memoryUsage().heapUsed)}`);

let lastStage = '';
const result = detectRings(evidence, {
  onProgress: (stage) => {
    if (stage !== lastStage) process.stderr.write(`  … ${stage}\n`);
    lastStage = stage;
  },
});
const total = Object.values(result.stats.timings).reduce((s, t) => s + t, 0);
const { timings, graphEdges } = result.stats;
console.table(timings);
console.log(`analysis total ${Math.round(total)} ms`);
console.log(`graph ${result.stats.graphNodes} nodes, ${graphEdges} edges, ${result.stats.components} components; ${result.stats.communities} communities, ${result.stats.suspected} suspected; modularity ${result.stats.modularity.toFixed(3)}; hubs ${result.hubs.length}`);
console.log(`Louvain ${Math.round(graphEdges / ((timings.communities ?? 1) / 1000))} edges/s; projection ${Math.round(graphEdges / ((timings.projection ?? 1) / 1000))} edges/s`);
const suspectedSets = result.rings.filter((r) => r.suspected).map((r) => new Set(r.members.map((m) => m.borrowerId)));
const found = gangs.filter((g) => suspectedSets.some((s) => g.filter((m) => s.has(m)).length / (s.size + g.length - g.filter((m) => s.has(m)).length) >= 0.5)).length;
console.log(`planted gangs recovered (Jaccard ≥ 0.5): ${found}/${gangs.length}; suspected rings ${suspectedSets.length}`);
console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
