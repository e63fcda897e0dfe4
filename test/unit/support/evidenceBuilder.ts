import { emptyEvidence, type Evidence } from '../../../src/detection';

/** Hand-made evidence: a few gangs, households and innocent crowds, written out plainly. */
export class EvidenceBuilder {
  readonly evidence: Evidence = emptyEvidence();
  private complaintCount = 0;
  private callCount = 0;

  borrower(id: string, overdueDays = 45): this {
    this.evidence.borrowers.push({ id, overdueDays });
    this.evidence.phoneLinks.push({ borrowerId: id, phone: ownPhone(id), role: 'registered' });
    this.evidence.deviceLinks.push({ borrowerId: id, deviceId: `own-device-${id}` });
    return this;
  }
  contactPhone(id: string, phone: string): this {
    this.evidence.phoneLinks.push({ borrowerId: id, phone, role: 'contact' });
    return this;
  }
  device(id: string, deviceId: string): this {
    this.evidence.deviceLinks.push({ borrowerId: id, deviceId });
    return this;
  }
  recruit(id: string, adSourceId: string): this {
    if (!this.evidence.adSources.some((a) => a.id === adSourceId)) this.evidence.adSources.push({ id: adSourceId, kind: 'street_flyer' });
    this.evidence.recruitments.push({ borrowerId: id, adSourceId });
    return this;
  }
  complaint(id: string, c: { channelId: string; filedAt?: string; phone?: string; deviceId?: string; text?: string }): this {
    if (!this.evidence.complaintChannels.some((ch) => ch.id === c.channelId)) this.evidence.complaintChannels.push({ id: c.channelId, kind: 'regulator' });
    this.evidence.complaints.push({ id: `complaint-${++this.complaintCount}`, borrowerId: id, claim: 'refund', ...c });
    return this;
  }
  call(id: string, c: { phone?: string; voiceprintId?: string; voiceMatch?: boolean; identityVerified?: boolean; at?: string }): this {
    this.evidence.calls.push({ id: `call-${++this.callCount}`, borrowerId: id, ...c });
    return this;
  }
}

export const ownPhone = (id: string) => `+86139${String(hashDigits(id)).padStart(8, '0')}`;
export function hashDigits(text: string): number {
  let h = 7;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 100_000_000;
  return h;
}
export const hoursAfter = (day: string, hours: number) => new Date(Date.parse(day) + hours * 3_600_000).toISOString();
export const TEMPLATE = (name: string, amount: number) =>
  `本人${name}在贵平台借款${amount}元，平台存在暴力催收和高额砍头息，严重侵害消费者权益，要求全额退还利息和服务费并消除征信记录，否则将向银保监会和媒体继续投诉。`;

