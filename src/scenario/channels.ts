import type { ComplaintChannel } from '../contract/ingestBatch';

/** Where complaints about the platform arrive: regulators, consumer platforms, social media, the app itself. */
export const CHANNELS: ComplaintChannel[] = [
  { id: 'ch-reg-nfra', name: '国家金融监督管理总局 12378 热线', kind: 'regulator' },
  { id: 'ch-reg-pbc', name: '中国人民银行金融消费权益保护', kind: 'regulator' },
  { id: 'ch-reg-local', name: '地方金融管理局', kind: 'regulator' },
  { id: 'ch-cp-blackcat', name: '黑猫投诉', kind: 'consumer_platform' },
  { id: 'ch-cp-12315', name: '全国 12315 平台', kind: 'consumer_platform' },
  { id: 'ch-sm-weibo', name: '微博', kind: 'social_media' },
  { id: 'ch-sm-douyin', name: '抖音', kind: 'social_media' },
  { id: 'ch-app-feedback', name: 'APP 意见反馈', kind: 'in_app' },
  { id: 'ch-app-hotline', name: '客服热线', kind: 'in_app' },
];
export const channelIdsOfKind = (kind: ComplaintChannel['kind']): string[] =>
  CHANNELS.filter((channel) => channel.kind === kind).map((channel) => channel.id);

