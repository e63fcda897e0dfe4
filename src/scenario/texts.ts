import type { Random } from './random';

/**
 * Names and complaint texts. Genuine complaints are written by different people, so
 * they are assembled from many fragments; a gang files from one template with a few
 * words changed, which is one of the traces investigators look for.
 */

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '晓东'];

export const personName = (random: Random): string =>
  random.pick(SURNAMES) + random.pick(GIVEN) + (random.chance(0.5) ? random.pick(GIVEN) : '');

export const GANG_CLAIMS = ['violent_collection', 'illegal_interest', 'privacy_leak'] as const;
export const ORDINARY_CLAIMS = [
  'violent_collection', 'illegal_interest', 'privacy_leak', 'repayment_failed', 'app_error', 'fee_dispute', 'other',
] as const;

export const CLAIM_WORDS: Record<string, string> = {
  violent_collection: '暴力催收',
  illegal_interest: '砍头息和高利贷',
  privacy_leak: '通讯录泄露',
  repayment_failed: '还款失败',
  app_error: '系统故障',
  fee_dispute: '服务费收取不明',
  other: '服务问题',
};

/** Each gang keeps one of these for its whole campaign. */
const GANG_TEMPLATES = [
  (claim: string, v: string[]) =>
    `本人于${v[0]}在贵平台借款，平台存在${claim}行为，严重侵害本人合法权益。现要求退还全部利息并赔偿损失${v[1]}元，否则将${v[2]}。`,
  (claim: string, v: string[]) =>
    `投诉${claim}！借款合同违法无效，${v[0]}以来多次被骚扰，要求平台全额退息、赔偿${v[1]}元，${v[2]}。`,
  (claim: string, v: string[]) =>
    `我是借款人，平台${claim}，利率超过法定上限。请监管部门督促平台退还利息，并赔偿精神损失${v[1]}元。${v[0]}借款，${v[2]}。`,
];
const GANG_THREATS = ['向监管部门持续投诉', '向媒体曝光', '向法院起诉', '联合其他借款人集体维权'];
const MONTHS = ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'];

export const gangTemplateCount = GANG_TEMPLATES.length;

/** A templated gang complaint: the same sentence with a month, an amount and a threat swapped. */
export function gangComplaintText(template: number, claim: string, random: Random): string {
  const fill = GANG_TEMPLATES[template % GANG_TEMPLATES.length]!;
  const amount = String(random.int(2, 20) * 1000);
  return fill(CLAIM_WORDS[claim] ?? claim, [random.pick(MONTHS), amount, random.pick(GANG_THREATS)]);
}

export const OPENINGS = ['你好，', '您好，', '', '我想反映一下，', '麻烦处理一下，', '客服你好，'];
export const SITUATIONS = [
  '我昨天还款的时候',
  '上周开始',
  '这个月',
  '最近一段时间',
  '前几天',
  '我逾期了几天，',
  '我一直按时还款，但是',
];
export const PROBLEMS: Record<string, string[]> = {
  violent_collection: ['催收员打电话骂人', '催收电话打到我单位', '催收给我家人发短信', '一天打了十几个催收电话'],
  illegal_interest: ['利息算得比合同高', '实际利率和宣传的不一样', '多扣了一笔利息'],
  privacy_leak: ['我的通讯录被人联系了', '朋友收到了我的借款信息', '陌生人知道我的借款金额'],
  repayment_failed: ['还款扣款失败但钱已经扣了', '银行卡扣了两次', '还款后还显示逾期'],
  app_error: ['APP一直登录不上', '页面显示错误', '验证码收不到'],
  fee_dispute: ['多收了服务费', '不知道为什么有一笔手续费', '会员费没有说明就扣了'],
  other: ['客服一直没人回复', '额度突然被降了', '合同找不到了'],
};
export const REQUESTS = ['请尽快处理。', '希望给个说法。', '请核实一下。', '谢谢。', '', '请回电。', '要求退还多扣的钱。'];

export function ordinaryComplaintText(claim: string, random: Random): string {
  const problems = PROBLEMS[claim] ?? PROBLEMS.other!;
  return `${random.pick(OPENINGS)}${random.pick(SITUATIONS)}${random.pick(problems)}，${random.pick(REQUESTS)}`;
}

export const INCIDENT_DETAILS = [
  '催收员冒充律师打电话威胁我',
  '催收人员给我所有联系人群发短信',
  '有人打电话说要上门找我家人',
  '收到了恐吓短信，说要起诉我',
  '催收电话里说要曝光我的信息',
];

/** Genuine complaints after one real collection incident: same grievance, each in the borrower's own words. */
export function incidentComplaintText(random: Random): string {
  return `${random.pick(OPENINGS)}${random.pick(['这两天', '昨天', '前天', '今天上午'])}${random.pick(INCIDENT_DETAILS)}，${random.pick(REQUESTS)}`;
}
