import type { Random } from './random';

/**
 * Complaint templates as they circulate in the field. A template is a choice of sentences
 * from phrase banks, in an order. Gangs write (or buy) one and paste it for every member,
 * and each paste drifts: a phrase swapped, two sentences reordered, one inserted or left
 * out; so a gang's complaints are near-duplicates, not copies. Public self-help templates
 * are posted online and filed by unrelated borrowers, who change less and ask for
 * something else (a repayment plan, not a refund with compensation).
 */

type Claim = 'violent_collection' | 'illegal_interest' | 'privacy_leak';

/** Sentence banks; {slots} are filled per complaint by complaintDetails.ts. */
const GANG_BANKS = {
  intro: [
    '本人{name}，身份证号后四位{idTail}，于{date}在贵平台借款{amount}，合同编号{contract}。',
    '投诉人：{name}，借款合同号{contract}。本人于{date}通过贵平台APP申请借款{amount}。',
    '我叫{name}，{date}在该平台借了{amount}（合同号{contract}）。',
    '借款人{name}（手机号{phone}），{date}借款{amount}，借款编号{contract}。',
    '本人{name}于{date}在贵司借款{amount}，借款合同编号为{contract}，现就以下问题进行投诉。',
  ],
  violent_collection: [
    '还款期间平台委托的催收人员多次辱骂、恐吓本人，并爆通讯录骚扰本人亲友，严重影响本人及家人的正常生活。',
    '平台催收人员采用威胁、恐吓、侮辱等手段暴力催收，频繁拨打本人家人及同事电话，给本人造成极大精神压力。',
    '催收方冒充律师和公检法人员威胁起诉、上门，并向本人通讯录群发短信，属于严重违规催收。',
    '逾期后催收人员每天拨打几十个电话，言语侮辱，还联系本人单位领导，导致本人被迫离职。',
  ],
  illegal_interest: [
    '平台综合年化利率超过36%，并以担保费、服务费、会员费等名义变相收取高额费用，违反国家规定。',
    '借款实际年化利率远超法律保护上限，平台还收取砍头息，借款合同中相关条款应属无效。',
    '平台在放款时扣除服务费，实际到手金额少于合同金额，变相收取砍头息，实际利率严重超标。',
  ],
  privacy_leak: [
    '平台未经本人授权，擅自读取并泄露本人通讯录及个人信息给第三方催收公司。',
    '本人个人信息被平台泄露，亲友陆续收到催收短信和电话，严重侵犯本人隐私权。',
    '平台将本人借款信息告知与借款无关的第三人，违反个人信息保护相关规定。',
  ],
  law: [
    '根据《民法典》及《个人信息保护法》相关规定，平台上述行为已严重侵害本人合法权益。',
    '依据《消费者权益保护法》及最高人民法院关于民间借贷利率的司法解释，平台行为违法。',
    '上述行为违反了《互联网金融个人网络消费信贷贷后催收风控指引》的相关规定。',
  ],
  demand: [
    '现本人要求：一、退还已支付的全部利息及服务费共计{refund}；二、赔偿精神损失费{compensation}；三、停止一切催收行为。',
    '要求平台全额退还违规收取的利息和费用{refund}，并赔偿本人损失{compensation}。',
    '请求监管部门责令平台退还本息、赔偿本人精神损失{compensation}，并依法查处。',
    '要求平台退还本金以外的全部费用{refund}，免除剩余利息，并赔偿{compensation}。',
  ],
  threat: [
    '请平台在{deadline}前给予书面答复，否则本人将继续向人民银行、金融监管总局、地方金融管理局及媒体反映。',
    '如平台不予处理，本人将向法院提起诉讼并向媒体曝光。',
    '若三个工作日内未解决，本人将联合其他借款人集体维权。',
  ],
  contact: [
    '联系电话：{phone}。',
    '本人联系方式{phone}，请直接与本人联系，不接受催收人员来电。',
    '如需沟通请致电{phone}，其他号码一律不接。',
  ],
  extra: [
    '本人已保留全部通话录音及短信截图作为证据。',
    '本人目前经济困难，家中还有老人需要照顾。',
    '请贵单位依法依规处理，维护金融消费者合法权益。',
    '此前本人已多次联系平台客服，均未得到有效处理。',
    '在此期间本人身心俱疲，已无法正常工作。',
  ],
} as const;

/** Self-help guides ask for a repayment plan and a stop to collection, politely. */
const PUBLIC_BANKS = {
  intro: [
    '尊敬的领导：您好！我是{platform}的借款人{name}，身份证号后四位{idTail}。',
    '您好，本人{name}，于{date}在{platform}借款{amount}，因近期收入下降暂时无法按期还款。',
    '本人{name}，{platform}借款人，借款合同号{contract}，现因个人原因出现逾期，特此申请。',
  ],
  situation: [
    '由于工作不稳定、收入减少，本人目前无力一次性偿还欠款，并非恶意逃废债。',
    '本人因家庭变故导致经济困难，逾期并非本意，一直有还款意愿。',
    '本人逾期后多次联系平台协商，均被拒绝，催收电话不断，家人也受到打扰。',
  ],
  request: [
    '现申请：1. 停止催收行为；2. 减免逾期罚息；3. 协商分期还款（停息挂账）。',
    '恳请平台给予个性化分期方案，将剩余本金{remaining}分{instalments}期偿还，减免罚息和违约金。',
    '希望监管部门督促平台与本人协商还款方案，本人愿意在能力范围内还清本金。',
  ],
  closing: [
    '本人联系电话{phone}，望予以协调，谢谢！',
    '恳请领导帮助协调，万分感谢！',
    '以上情况属实，望予以支持。联系电话：{phone}',
  ],
  extra: [
    '本人愿意提供收入证明和相关材料。',
    '目前本人每月收入仅能维持基本生活。',
    '希望给一次机会，本人会按约定还款。',
  ],
} as const;

type GangBank = keyof typeof GANG_BANKS;
type PublicBank = keyof typeof PUBLIC_BANKS;
type Banks = Record<string, readonly string[]>;

/** One sentence of a template: a bank and the phrasing the author chose from it. */
interface Part {
  bank: string;
  choice: number;
  /** Left out now and then by whoever pastes it. */
  optional: boolean;
}

export interface ComplaintTemplate {
  id: string;
  kind: 'gang' | 'public';
  parts: Part[];
}

/** Small rewrites a paster makes: each pair may be swapped one way. */
const SYNONYMS: readonly (readonly [string, string])[] = [
  ['本人', '我'],
  ['贵平台', '该平台'],
  ['要求', '请求'],
  ['严重', '极大地'],
  ['频繁', '多次'],
  ['退还', '返还'],
  ['恳请', '请求'],
  ['催收人员', '催收员'],
];

const part = (bank: string, random: Random, banks: Banks, optional = false): Part => ({
  bank,
  choice: random.int(0, banks[bank]!.length - 1),
  optional,
});

/** A gang's own template: which sentences, which phrasing of each, in which order. */
export function gangTemplate(id: string, random: Random): ComplaintTemplate {
  const banks = GANG_BANKS as Banks;
  // The accusation's bank depends on the claim filed; its phrasing index is kept.
  const body = [part('accusation', random, { accusation: GANG_BANKS.violent_collection }), part('law', random, banks, true)];
  if (random.chance(0.3)) body.reverse();
  const parts = [part('intro', random, banks), ...body, part('demand', random, banks)];
  if (random.chance(0.7)) parts.push(part('threat', random, banks, true));
  if (random.chance(0.6)) parts.push(part('contact', random, banks, true));
  return { id, kind: 'gang', parts };
}

export function publicTemplate(id: string, random: Random): ComplaintTemplate {
  const banks = PUBLIC_BANKS as Banks;
  return {
    id,
    kind: 'public',
    parts: [part('intro', random, banks), part('situation', random, banks, true), part('request', random, banks), part('closing', random, banks)],
  };
}

/** How far one paste drifts from the template. */
const DRIFT = {
  gang: { rephrase: 0.2, insert: 0.35, swap: 0.3, drop: 0.15, synonym: 0.3 },
  public: { rephrase: 0.08, insert: 0.3, swap: 0.05, drop: 0.1, synonym: 0.15 },
} as const;

function bankOf(template: ComplaintTemplate, bank: string, claim: string): readonly string[] {
  if (template.kind === 'public') return PUBLIC_BANKS[bank as PublicBank];
  if (bank === 'accusation') return GANG_BANKS[(claim in GANG_BANKS ? claim : 'violent_collection') as Claim];
  return GANG_BANKS[bank as GangBank];
}

/**
 * One paste of the template for one complaint, with its slots still open. Variation is
 * drawn per paste, so two members of one gang rarely send the same bytes.
 */
export function pasteTemplate(template: ComplaintTemplate, claim: string, random: Random): string {
  const drift = DRIFT[template.kind];
  const sentences = template.parts
    .filter((p) => !(p.optional && random.chance(drift.drop)))
    .map((p) => {
      const bank = bankOf(template, p.bank, claim);
      const choice = random.chance(drift.rephrase) ? random.int(0, bank.length - 1) : p.choice;
      return bank[choice % bank.length]!;
    });
  if (sentences.length > 2 && random.chance(drift.swap)) {
    const at = random.int(1, sentences.length - 2);
    [sentences[at], sentences[at + 1]] = [sentences[at + 1]!, sentences[at]!];
  }
  if (random.chance(drift.insert)) {
    const extras = template.kind === 'public' ? PUBLIC_BANKS.extra : GANG_BANKS.extra;
    sentences.splice(random.int(1, sentences.length), 0, random.pick(extras));
  }
  let text = sentences.join('');
  for (const [from, to] of SYNONYMS) if (text.includes(from) && random.chance(drift.synonym)) text = text.split(from).join(to);
  return text;
}
