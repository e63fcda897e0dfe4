import { gangTemplate, pasteTemplate, type ComplaintTemplate } from './complaintTemplates';
import { fillSlots, type ComplaintDetails } from './complaintDetails';
import type { IdentifierMint } from './identifiers';
import type { ScenarioParams } from './params';
import type { PlannedGang } from './plan';
import type { Random } from './random';
import type { GangStyle } from './truth';

/**
 * How each gang works (its style), who operates it, and which template it pastes. All of
 * it is drawn from the field stream and only when the knobs are on; otherwise a gang's
 * style follows its traits (fresh phone or the agent's kit) and nothing is drawn.
 */

/** One person at the platform's end of a gang, with the identifiers they use. */
export interface Operator {
  phones: string[];
  devices: string[];
  voiceprints: string[];
}

/** Styles in which the agent's own phones and devices reach the platform's records. */
export const KIT_STYLES: readonly GangStyle[] = ['operatorKit', 'freshPhone'];

/**
 * Styles by quota rather than by independent draws: each style with a rate above 0 gets
 * round(rate × gangs) gangs and at least one, so every seed of a small scenario has every
 * style (an evaluation by style then never divides by zero), then gangs are shuffled into them.
 */
function drawStyles(gangs: PlannedGang[], params: ScenarioParams, field: Random): GangStyle[] {
  const g = params.gangs;
  const quotas: [GangStyle, number][] = [
    ['multiOperator', g.multiOperatorRate],
    ['wordsOnly', g.wordsOnlyRate],
    ['borrowerHandset', g.borrowerHandsetRate],
  ];
  const styles = gangs.map((gang): GangStyle => (gang.traits.freshPhonePerBorrower ? 'freshPhone' : 'operatorKit'));
  const order = gangs.map((_, n) => ({ n, key: field.next() })).sort((a, b) => a.key - b.key);
  let next = 0;
  for (const [style, rate] of quotas) {
    const quota = rate > 0 ? Math.max(1, Math.round(rate * gangs.length)) : 0;
    for (let k = 0; k < quota && next < order.length; k++) styles[order[next++]!.n] = style;
  }
  return styles;
}

/** Agents favour virtual-operator SIMs: cheap, bought online in bulk. */
function agentPhone(params: ScenarioParams, field: Random, mint: IdentifierMint): string {
  return params.gangs.agentMvnoRate > 0 && field.chance(params.gangs.agentMvnoRate) ? mint.mvnoPhone() : mint.phone();
}

/** Gives every gang its style and operators; `sizes` is updated where a style changes a gang's size. */
export function planGangStyles(gangs: PlannedGang[], sizes: number[], params: ScenarioParams, field: Random, mint: IdentifierMint): void {
  const g = params.gangs;
  const stylesOn = g.multiOperatorRate + g.wordsOnlyRate + g.borrowerHandsetRate > 0;
  const styles = stylesOn ? drawStyles(gangs, params, field) : null;
  gangs.forEach((gang, n) => {
    if (styles) gang.style = styles[n]!;
    if (g.agentMvnoRate > 0 && KIT_STYLES.includes(gang.style)) gang.phones = gang.phones.map(() => agentPhone(params, field, mint));
    const traits = gang.traits;
    switch (gang.style) {
      case 'multiOperator': {
        sizes[n] = field.int(g.multiOperatorMinSize, Math.max(g.multiOperatorMinSize, g.maxSize));
        const operators = Array.from({ length: field.int(g.minOperators, Math.max(g.minOperators, g.maxOperators)) }, () => ({
          phones: [agentPhone(params, field, mint)],
          devices: [mint.device()],
          voiceprints: [mint.voiceprint()],
        }));
        gang.operators = operators;
        gang.phones = operators.flatMap((o) => o.phones);
        gang.devices = operators.flatMap((o) => o.devices);
        gang.voiceprints = operators.flatMap((o) => o.voiceprints);
        Object.assign(traits, { freshPhonePerBorrower: false, usesBorrowerPhone: false, accompliceVoice: false });
        break;
      }
      case 'wordsOnly':
        // The agent never touches the platform: nothing of theirs is in the records.
        gang.phones = [];
        gang.devices = [];
        gang.voiceprints = [];
        gang.operators = [];
        Object.assign(traits, { freshPhonePerBorrower: false, usesBorrowerPhone: true, accompliceVoice: false });
        break;
      case 'borrowerHandset':
        // The member's own SIM and handset, the agent's voice.
        gang.phones = [];
        gang.devices = [];
        gang.operators = [{ phones: [], devices: [], voiceprints: gang.voiceprints }];
        Object.assign(traits, { freshPhonePerBorrower: false, usesBorrowerPhone: true });
        break;
      default:
        gang.operators = [{ phones: gang.phones, devices: gang.devices, voiceprints: gang.voiceprints }];
    }
  });
}

/**
 * Field texts only: most gangs write their own template; some buy one from a seller who
 * sells the same text to other gangs; a few paste a public self-help template.
 */
export function planGangTemplates(gangs: PlannedGang[], params: ScenarioParams, field: Random, publicTemplates: ComplaintTemplate[]): void {
  if (params.texts.style !== 'field') {
    for (const gang of gangs) gang.templateRef = { id: `plain-${gang.template}`, source: 'plain', template: null };
    return;
  }
  const g = params.gangs;
  const sellers: ComplaintTemplate[] = [];
  gangs.forEach((gang, n) => {
    const u = field.next();
    if (u < g.boughtTemplateRate) {
      const k = field.int(0, g.templateSellers - 1);
      const template = (sellers[k] ??= gangTemplate(`tpl-seller-${String(k + 1).padStart(2, '0')}`, field));
      gang.templateRef = { id: template.id, source: 'seller', template };
    } else if (u < g.boughtTemplateRate + g.publicTemplateRate && publicTemplates.length > 0) {
      const template = field.pick(publicTemplates);
      gang.templateRef = { id: template.id, source: 'public', template };
    } else {
      const template = gangTemplate(`tpl-gang-${String(n + 1).padStart(4, '0')}`, field);
      gang.templateRef = { id: template.id, source: 'own', template };
    }
  });
}

/** A gang complaint in field form: this member's paste of the gang's template, filled in. */
export function gangFieldText(gang: PlannedGang, claim: string, details: ComplaintDetails, field: Random): string {
  const template = gang.templateRef.template;
  if (!template) throw new Error(`scenario: gang ${gang.id} has no field template`);
  return fillSlots(pasteTemplate(template, claim, field), details, field);
}
