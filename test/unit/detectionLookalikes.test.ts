import { detectRings, type DetectionResult, type Ring } from '../../src/detection';
import { EvidenceBuilder, TEMPLATE, hoursAfter, ownPhone } from './support/evidenceBuilder';

/**
 * The innocent look-alikes of a real platform, each against the gang it resembles: who
 * else shows a shared voice, a circulating template, a flyer; and gangs that leave only
 * their words and their timing.
 */

const ringOf = (r: DetectionResult, id: string): Ring | undefined => r.rings.find((ring) => ring.members.some((m) => m.borrowerId === id));
const suspected = (r: DetectionResult) => r.rings.filter((ring) => ring.suspected);
const memberIds = (ring: Ring) => ring.members.map((m) => m.borrowerId).sort();

/** A relative who handles the calls of elderly parents: one voice and phone on every call, failing the checks, one handset, no complaint. */
function addProxyFamily(b: EvidenceBuilder, prefix: string, size: number) {
  const ids = Array.from({ length: size }, (_, i) => `${prefix}-${i}`);
  for (const id of ids) {
    b.borrower(id).device(id, `${prefix}-handset`);
    for (let k = 0; k < 3; k++) b.call(id, { phone: ownPhone(`${prefix}-son`), voiceprintId: `${prefix}-son-voice`, voiceMatch: false, identityVerified: false });
  }
  return ids;
}

/** A gang tied only by its words: each recruit of one flyer files the agent's text from their own phone, in the campaign's fortnight. */
function addWordsOnlyGang(b: EvidenceBuilder, prefix: string, size: number, day: string) {
  const ids = Array.from({ length: size }, (_, i) => `${prefix}-${i}`);
  ids.forEach((id, i) => {
    b.borrower(id)
      .recruit(id, `${prefix}-flyer`)
      .complaint(id, { channelId: 'regulator-nfra', filedAt: hoursAfter(day, i * 30), phone: ownPhone(id), text: TEMPLATE(`${prefix}${i}`, 3000 + i * 700) })
      .call(id, { phone: ownPhone(id), voiceprintId: `voice-${id}`, voiceMatch: true, identityVerified: true });
  });
  for (let i = 0; i < 6; i++) b.borrower(`${prefix}-honest-${i}`).recruit(`${prefix}-honest-${i}`, `${prefix}-flyer`);
  return ids;
}

/** Strangers copying one guide from the internet, each from their own phone, weeks apart, recruited wherever. */
function addPublicTemplateFilers(b: EvidenceBuilder, prefix: string, size: number) {
  return Array.from({ length: size }, (_, i) => {
    const id = `${prefix}-${i}`;
    b.borrower(id)
      .recruit(id, i % 2 === 0 ? 'official-app-store' : `local-flyer-${i}`)
      .complaint(id, { channelId: 'regulator-nfra', filedAt: hoursAfter('2024-02-01T00:00:00Z', i * 24 * 9), phone: ownPhone(id), text: TEMPLATE(`${prefix}${i}`, 8000 + i) });
    return id;
  });
}

/** Borrowers who never complain: a platform's complaint rate is a few in a hundred a year, which is what makes a flyer's burst of complaints stand out. */
function addQuietBorrowers(b: EvidenceBuilder, count: number) {
  for (let i = 0; i < count; i++) b.borrower(`quiet-${i}`).recruit(`quiet-${i}`, 'official-app-store');
}

describe('When the records hold innocent look-alikes of a gang', () => {
  test('then a family whose son handles every call is listed apart as a shared-operator cluster, never as a suspected gang', () => {
    const b = new EvidenceBuilder();
    const family = addProxyFamily(b, 'family', 4);
    const result = detectRings(b.evidence);
    const ring = ringOf(result, family[0]!)!;
    expect(memberIds(ring)).toEqual([...family].sort());
    expect(ring).toMatchObject({ kind: 'sharedOperator', suspected: false });
    expect(ring.campaign).toMatchObject({ complainants: 0, coordinated: false });
    expect(ring.signals.find((s) => s.name === 'sharedVoice')!.value).toBe(1);
    expect(suspected(result)).toEqual([]);
  });

  test('then a template filed by strangers weeks apart ties nobody', () => {
    const b = new EvidenceBuilder();
    const filers = addPublicTemplateFilers(b, 'public', 12);
    const result = detectRings(b.evidence);
    for (const id of filers) expect(ringOf(result, id)).toBeUndefined();
    expect(result.stats.recruitmentCampaigns).toBe(0);
  });

  test('then a gang tied only by its flyer, its words and its fortnight is found, without the flyer’s honest recruits', () => {
    const b = new EvidenceBuilder();
    const gang = addWordsOnlyGang(b, 'words', 5, '2024-03-01T00:00:00Z');
    addPublicTemplateFilers(b, 'public', 12);
    addQuietBorrowers(b, 500);
    const result = detectRings(b.evidence);
    expect(suspected(result).map(memberIds)).toEqual([[...gang].sort()]);
    const ring = ringOf(result, gang[0]!)!;
    expect(ring.tools[0]).toMatchObject({ kind: 'template', members: 5, usages: ['templateComplaint'] });
    expect(ring.signals.find((s) => s.name === 'sharedVoice')).toMatchObject({ observed: true, value: 0 });
  });

  test('then a broker whose flyer recruited his clients, one of whom complains from her own phone, is not a gang', () => {
    const b = new EvidenceBuilder();
    addQuietBorrowers(b, 500);
    const clients = Array.from({ length: 8 }, (_, i) => `client-${i}`);
    for (const id of clients) {
      b.borrower(id).recruit(id, 'broker-flyer').device(id, 'broker-phone-handset').contactPhone(id, '+8613500000001');
      b.call(id, { phone: '+8613500000001', voiceprintId: 'broker-voice', voiceMatch: false, identityVerified: false });
    }
    b.complaint(clients[0]!, { channelId: 'app-feedback', filedAt: '2024-05-01T00:00:00Z', phone: ownPhone(clients[0]!), text: TEMPLATE('客户', 100) });
    const ring = ringOf(detectRings(b.evidence), clients[0]!)!;
    expect(ring).toMatchObject({ kind: 'sharedOperator', suspected: false });
  });

  test('then two gangs that used one flyer printer in the same weeks stay two rings, each with its own agent', () => {
    const b = new EvidenceBuilder();
    addQuietBorrowers(b, 500);
    const gang = (prefix: string, size: number) =>
      Array.from({ length: size }, (_, i) => {
        const id = `${prefix}-${i}`;
        b.borrower(id)
          .recruit(id, 'shared-printer-flyer')
          .device(id, `${prefix}-handset`)
          .complaint(id, { channelId: 'regulator-nfra', filedAt: hoursAfter('2024-06-01T00:00:00Z', i * 20), phone: `+8615${prefix === 'ga' ? '1' : '2'}00000000${i % 2}`, deviceId: `${prefix}-handset`, text: TEMPLATE(id, 1000 + i) })
          .call(id, { voiceprintId: `${prefix}-voice`, voiceMatch: false });
        return id;
      });
    const big = gang('ga', 14);
    const small = gang('gb', 3);
    const rings = suspected(detectRings(b.evidence)).map(memberIds);
    expect(rings).toEqual(expect.arrayContaining([[...big].sort(), [...small].sort()]));
    expect(rings).toHaveLength(2);
  });

  test('then two recruits of one flyer complaining together in a surprising week are reported as a pair', () => {
    const b = new EvidenceBuilder();
    addQuietBorrowers(b, 2000);
    for (const [i, id] of ['pair-0', 'pair-1'].entries()) {
      b.borrower(id).recruit(id, 'pair-flyer').complaint(id, { channelId: 'regulator-nfra', filedAt: hoursAfter('2024-07-01T00:00:00Z', i * 30), phone: ownPhone(id), text: TEMPLATE(id, 100) });
    }
    const ring = ringOf(detectRings(b.evidence), 'pair-0')!;
    expect(memberIds(ring)).toEqual(['pair-0', 'pair-1']);
    expect(ring).toMatchObject({ kind: 'complaintCampaign', suspected: true });
    expect(detectRings(b.evidence, { minCampaignSize: 3 }).rings).toEqual([]);
  });

  /** An agent's own template, pasted by each recruit of `flyer` from their own phone over a fortnight from `day`. */
  const ownTemplate = (name: string, amount: number) =>
    `投诉人${name}，借款${amount}元。该平台催收员冒充律师上门威胁，并向本人单位领导群发短信，本人被迫离职。现要求退还全部利息${amount}元并赔偿误工损失，七日内不答复即向地方金融管理局和报社反映。`;
  function recruitsFiling(b: EvidenceBuilder, prefix: string, flyer: string, size: number, day: string, text: (name: string, amount: number) => string) {
    return Array.from({ length: size }, (_, i) => {
      const id = `${prefix}-${i}`;
      b.borrower(id)
        .recruit(id, flyer)
        .complaint(id, { channelId: 'regulator-nfra', filedAt: hoursAfter(day, i * 30), phone: ownPhone(id), text: text(`${prefix}${i}`, 3000 + i * 700) });
      return id;
    });
  }

  test('then a gang that recruited through two flyers at once is one ring, not two halves', () => {
    const b = new EvidenceBuilder();
    addQuietBorrowers(b, 2000);
    const street = recruitsFiling(b, 'street', 'street-flyer', 5, '2024-03-01T00:00:00Z', ownTemplate);
    const chat = recruitsFiling(b, 'chat', 'chat-group', 5, '2024-03-02T00:00:00Z', ownTemplate);
    const rings = suspected(detectRings(b.evidence)).map(memberIds);
    expect(rings).toEqual([[...street, ...chat].sort()]);
    // Without joining, each flyer's campaign is a ring of its own.
    expect(suspected(detectRings(b.evidence, { siblingCoreJaccard: 1 })).map(memberIds)).toHaveLength(2);
  });

  test('then two flyers whose recruits paste one text months apart stay two rings', () => {
    const b = new EvidenceBuilder();
    addQuietBorrowers(b, 2000);
    const spring = recruitsFiling(b, 'spring', 'spring-flyer', 5, '2024-03-01T00:00:00Z', ownTemplate);
    const autumn = recruitsFiling(b, 'autumn', 'autumn-flyer', 5, '2024-10-01T00:00:00Z', ownTemplate);
    expect(suspected(detectRings(b.evidence)).map(memberIds)).toEqual(expect.arrayContaining([[...spring].sort(), [...autumn].sort()]));
  });

  test("then gangs that bought one seller's template stay apart, even when two of them run at once", () => {
    const b = new EvidenceBuilder();
    addQuietBorrowers(b, 3000);
    const first = recruitsFiling(b, 'buyer-a', 'flyer-a', 5, '2024-03-01T00:00:00Z', ownTemplate);
    const second = recruitsFiling(b, 'buyer-b', 'flyer-b', 5, '2024-03-03T00:00:00Z', ownTemplate);
    const third = recruitsFiling(b, 'buyer-c', 'flyer-c', 5, '2024-08-01T00:00:00Z', ownTemplate);
    const rings = suspected(detectRings(b.evidence)).map(memberIds);
    expect(rings).toEqual(expect.arrayContaining([[...first].sort(), [...second].sort(), [...third].sort()]));
    expect(rings).toHaveLength(3);
  });

  /** The seller's text with the agent's own closing line: his two flyers paste it alike, and closer to each other than to the seller's other buyers. */
  const agentEdition = (name: string, amount: number) => `${ownTemplate(name, amount)}另附本人录音证据共三段。`;

  /** One agent's street flyer from 1 March and chat group from `chatDay`, beside a buyer of the seller's text in the same week and one in August. */
  function agentAmongBuyers(chatDay: string) {
    const b = new EvidenceBuilder();
    addQuietBorrowers(b, 3000);
    const street = recruitsFiling(b, 'street', 'street-flyer', 5, '2024-03-01T00:00:00Z', agentEdition);
    const chat = recruitsFiling(b, 'chat', 'chat-group', 5, chatDay, agentEdition);
    const buyer = recruitsFiling(b, 'buyer', 'buyer-flyer', 5, '2024-03-05T00:00:00Z', ownTemplate);
    const later = recruitsFiling(b, 'later', 'later-flyer', 5, '2024-08-01T00:00:00Z', ownTemplate);
    return { b, street, chat, buyer, later };
  }

  test("then one agent's two flyers filing in step are one ring, among buyers of the same seller's template", () => {
    const { b, street, chat, buyer, later } = agentAmongBuyers('2024-03-01T12:00:00Z');
    const rings = suspected(detectRings(b.evidence)).map(memberIds);
    expect(rings).toEqual(expect.arrayContaining([[...street, ...chat].sort(), [...buyer].sort(), [...later].sort()]));
    expect(rings).toHaveLength(3);
    // The two flyers stand apart from the buyer by less than the margin asked of campaigns out of step.
    expect(suspected(detectRings(b.evidence, { siblingAlignedMargin: 0.15 }))).toHaveLength(4);
  });

  test('then the same two flyers filing a week apart stay two rings', () => {
    const { b } = agentAmongBuyers('2024-03-08T00:00:00Z');
    expect(suspected(detectRings(b.evidence))).toHaveLength(4);
  });

  test('then two operators who file one text through their own phones, flyers in step, stay two rings', () => {
    const b = new EvidenceBuilder();
    addQuietBorrowers(b, 2000);
    const kit = (prefix: string, flyer: string, day: string) =>
      Array.from({ length: 5 }, (_, i) => {
        const id = `${prefix}-${i}`;
        b.borrower(id)
          .recruit(id, flyer)
          .complaint(id, { channelId: 'regulator-nfra', filedAt: hoursAfter(day, i * 30), phone: ownPhone(`${prefix}-operator`), text: agentEdition(`${prefix}${i}`, 3000 + i * 700) });
        return id;
      });
    const first = kit('north', 'north-flyer', '2024-03-01T00:00:00Z');
    const second = kit('south', 'south-flyer', '2024-03-01T12:00:00Z');
    const result = detectRings(b.evidence);
    // Their campaigns are not joined: each operator's phone would have shown in both.
    expect(result.stats.recruitmentCampaigns).toBe(2);
    const rings = suspected(result).map(memberIds);
    expect(rings).toEqual(expect.arrayContaining([[...first].sort(), [...second].sort()]));
    expect(rings).toHaveLength(2);
    // The same two flyers with no phone in view are one agent's, as far as anything shows.
    const words = new EvidenceBuilder();
    addQuietBorrowers(words, 2000);
    const street = recruitsFiling(words, 'north', 'north-flyer', 5, '2024-03-01T00:00:00Z', agentEdition);
    const chat = recruitsFiling(words, 'south', 'south-flyer', 5, '2024-03-01T12:00:00Z', agentEdition);
    const joined = detectRings(words.evidence);
    expect(joined.stats.recruitmentCampaigns).toBe(1);
    expect(suspected(joined).map(memberIds)).toEqual([[...street, ...chat].sort()]);
  });

  test('then a complaint with no time joins the campaign of the flyer whose words it pastes', () => {
    const b = new EvidenceBuilder();
    addQuietBorrowers(b, 2000);
    const june = recruitsFiling(b, 'june', 'printer-flyer', 4, '2024-06-01T00:00:00Z', ownTemplate);
    const november = recruitsFiling(b, 'november', 'printer-flyer', 4, '2024-11-01T00:00:00Z', TEMPLATE);
    b.borrower('june-untimed').recruit('june-untimed', 'printer-flyer').complaint('june-untimed', { channelId: 'regulator-nfra', phone: ownPhone('june-untimed'), text: ownTemplate('june9', 9100) });
    b.borrower('odd-untimed').recruit('odd-untimed', 'printer-flyer').complaint('odd-untimed', { channelId: 'regulator-nfra', phone: ownPhone('odd-untimed'), text: '本人因家中变故无力按期还款，请求平台协商延期并停止每日多次来电，本人愿意分期偿还全部本金。' });
    const rings = suspected(detectRings(b.evidence)).map(memberIds);
    expect(rings).toEqual(expect.arrayContaining([[...june, 'june-untimed'].sort(), [...november].sort()]));
    expect(rings.flat()).not.toContain('odd-untimed');
  });

  test('then the same recruits complaining months apart are not one campaign', () => {
    const b = new EvidenceBuilder();
    addQuietBorrowers(b, 500);
    const ids = Array.from({ length: 4 }, (_, i) => `slow-${i}`);
    ids.forEach((id, i) => {
      b.borrower(id).recruit(id, 'slow-flyer').complaint(id, { channelId: 'regulator-nfra', filedAt: hoursAfter('2024-01-01T00:00:00Z', i * 24 * 80), phone: ownPhone(id), text: TEMPLATE(id, 1000) });
    });
    expect(detectRings(b.evidence).stats.recruitmentCampaigns).toBe(0);
  });
});

describe('When evidence is partial', () => {
  test('then a gang whose calls carry no voiceprint is scored on what could be seen, and says what could not', () => {
    const b = new EvidenceBuilder();
    const ids = Array.from({ length: 5 }, (_, i) => `unheard-${i}`);
    ids.forEach((id, i) => {
      b.borrower(id)
        .recruit(id, 'quiet-flyer')
        .device(id, 'quiet-agent-handset')
        .complaint(id, { channelId: 'regulator-nfra', filedAt: hoursAfter('2024-05-01T00:00:00Z', i * 5), phone: '+8615000000001', text: TEMPLATE(id, 2000) })
        .call(id, { phone: '+8615000000001' });
    });
    addQuietBorrowers(b, 500);
    const ring = ringOf(detectRings(b.evidence), ids[0]!)!;
    expect(ring.suspected).toBe(true);
    const voice = ring.signals.find((s) => s.name === 'sharedVoice')!;
    expect(voice).toMatchObject({ observed: false, unobservedBecause: 'noVoiceprints', value: null, weight: 0 });
    expect(ring.signals.find((s) => s.name === 'voiceMismatchRate')).toMatchObject({ observed: false, unobservedBecause: 'noVoiceChecks' });
    expect(ring.signals.filter((s) => s.observed).reduce((sum, s) => sum + s.weight, 0)).toBeCloseTo(1, 10);
  });
});
