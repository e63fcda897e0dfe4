import type { DemandFigure } from './schemas/timeline';

/**
 * Money figures that complaints demand back (refunds, compensation). Only an amount
 * written next to a currency word, with a refund or compensation word shortly before
 * it, is counted: "赔偿损失7000元", "refund of ¥3,000". Interest "退还全部利息" with no
 * figure counts nothing; we never guess an amount the text does not state.
 */
const AMOUNT = /(?:[¥￥]\s*(\d[\d,]*(?:\.\d+)?))|(?:(\d[\d,]*(?:\.\d+)?)\s*(?:元|块|yuan|CNY|RMB))/gi;
const DEMAND_WORDS = /(赔偿|赔付|补偿|退还|退回|退款|返还|索赔|refund|compensat|reimburse|repay)/i;
const CLAUSE_BREAKS = ['。', '，', '；', '！', '.', ',', ';', '!'];
/** How far before the amount a demand word may stand (characters); about one clause. */
const LOOKBACK = 16;

export function demandFigures(complaintId: string, text: string | null): DemandFigure[] {
  if (!text) return [];
  const figures: DemandFigure[] = [];
  for (const match of text.matchAll(AMOUNT)) {
    const digits = (match[1] ?? match[2] ?? '').replace(/,/g, '');
    const start = match.index ?? 0;
    const before = text.slice(Math.max(0, start - LOOKBACK), start);
    if (!DEMAND_WORDS.test(before)) continue;
    const amount = Number(digits);
    if (!Number.isFinite(amount) || amount <= 0) continue;
    const clauseStart = Math.max(...CLAUSE_BREAKS.map((p) => before.lastIndexOf(p))) + 1;
    figures.push({ complaintId, amount, quote: `${before.slice(clauseStart)}${match[0]}`.trim() });
  }
  return figures;
}
