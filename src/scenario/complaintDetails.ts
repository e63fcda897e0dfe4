import { mix32, type Random } from './random';
import { rawPhoneForm, writePhone } from './phoneForms';
import { INCIDENT_DETAILS, OPENINGS, PROBLEMS, REQUESTS, SITUATIONS } from './texts';

/**
 * The particulars a complainant writes into a text (name, loan date, amount, contract and
 * phone numbers), in the several ways people write them, and complaints in the
 * borrower's own words for the field profile.
 */

export interface ComplaintDetails {
  name: string;
  /** Borrower index: contract number and id tail derive from it, so every complaint of one borrower cites the same. */
  index: number;
  /** Day of 2024 the loan was taken. */
  loanDay: number;
  principal: number;
  /** The phone the complaint gives for call-backs, E.164. */
  phone: string;
  /** Day of 2024 the complaint is filed. */
  filedDay: number;
}

const YEAR_START = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

/** A day of 2024 in one of the ways Chinese complainants write dates. */
export function writeDate(day: number, random: Random): string {
  const date = new Date(YEAR_START + Math.floor(Math.max(0, day)) * DAY);
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (random.int(0, 4)) {
    case 0: return `${y}年${m}月${d}日`;
    case 1: return `${m}月${d}日`;
    case 2: return `${y}-${pad(m)}-${pad(d)}`;
    case 3: return `${y}/${m}/${d}`;
    default: return `${y}.${pad(m)}.${pad(d)}`;
  }
}

export function writeAmount(yuan: number, random: Random): string {
  const rounded = Math.round(yuan);
  switch (random.int(0, 3)) {
    case 0: return `${rounded}元`;
    case 1: return `${rounded.toLocaleString('en-US')}元`;
    case 2: return `${(rounded / 10_000).toFixed(rounded % 1000 === 0 ? 1 : 2)}万元`;
    default: return `人民币${rounded}元`;
  }
}

/** The platform's contract number for a loan: one format, as the platform prints it. */
export function contractNumber(index: number, loanDay: number): string {
  const date = new Date(YEAR_START + Math.floor(loanDay) * DAY).toISOString().slice(0, 10).replace(/-/g, '');
  return `HT${date}${String(mix32(index ^ 0xc0ffee) % 1_000_000).padStart(6, '0')}`;
}

const idTail = (index: number): string => {
  const n = mix32(index ^ 0x1d7a11) % 11_000;
  return n >= 10_000 ? `${String(n - 10_000).padStart(3, '0')}X` : String(n).padStart(4, '0');
};

const PLATFORMS = ['贵平台', '该平台', '某某借款APP', '这家网贷平台'];

/** Fills every {slot} of a text with this complaint's particulars, each written one of its usual ways. */
export function fillSlots(text: string, details: ComplaintDetails, random: Random): string {
  return text.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'name': return details.name;
      case 'idTail': return idTail(details.index);
      case 'date': return writeDate(details.loanDay, random);
      case 'amount': return writeAmount(details.principal, random);
      case 'contract': return contractNumber(details.index, details.loanDay);
      case 'phone': return writePhone(details.phone, rawPhoneForm('complaint', random));
      case 'refund': return writeAmount(details.principal * random.between(0.15, 0.45), random);
      case 'compensation': return writeAmount(random.int(5, 50) * 1000, random);
      case 'remaining': return writeAmount(details.principal * random.between(0.3, 0.9), random);
      case 'instalments': return String(random.pick([12, 24, 36]));
      case 'deadline': return writeDate(details.filedDay + random.int(3, 10), random);
      case 'platform': return random.pick(PLATFORMS);
      default: throw new Error(`scenario complaint details: unknown slot {${slot}}`);
    }
  });
}

/** A genuine complaint in the borrower's own words, now and then citing their loan. */
export function ownWordsComplaint(claim: string, details: ComplaintDetails, random: Random): string {
  const problems = PROBLEMS[claim] ?? PROBLEMS.other!;
  let text = random.pick(OPENINGS);
  if (random.chance(0.35)) text += `我${random.chance(0.5) ? '是' : ''}{date}借的{amount}，`;
  if (random.chance(0.15)) text += '合同号{contract}，';
  text += `${random.pick(SITUATIONS)}${random.pick(problems)}，${random.pick(REQUESTS)}`;
  if (random.chance(0.2)) text += `我的电话{phone}${random.chance(0.5) ? '。' : ''}`;
  return fillSlots(text, details, random);
}

const MEDIA_DETAILS = [
  '看到新闻报道说平台违规收取会员费，我借款时也被扣了{refund}',
  '看了电视台的报道才知道平台的担保费不合法，我也被收了',
  '网上都在说这个平台被约谈了，我的借款利息是不是也算高了',
  '看到报道说平台的催收外包公司被查了，之前也有人这样给我打电话',
];

/** Own words after a collection incident or a media report: one grievance, many voices. */
export function burstOwnWords(cause: 'collectionIncident' | 'mediaReport', details: ComplaintDetails, random: Random): string {
  const when = random.pick(['这两天', '昨天', '前天', '今天上午', '上周']);
  const what = cause === 'mediaReport' ? random.pick(MEDIA_DETAILS) : `${when}${random.pick(INCIDENT_DETAILS)}`;
  const loan = random.chance(0.3) ? '我的借款是{date}借的{amount}，' : '';
  return fillSlots(`${random.pick(OPENINGS)}${what}，${loan}${random.pick(REQUESTS)}`, details, random);
}
