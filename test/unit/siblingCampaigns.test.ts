import { emptyEvidence, type Evidence } from '../../src/contract/evidence';
import { joinSiblingCampaigns, type FoundCampaign } from '../../src/detection/siblingCampaigns';

/**
 * The sibling search's bound: a campaign whose rarest template shingles more than 500
 * earlier campaigns also hold is not compared, and neither it nor they are joined.
 */

const settings = { coreJaccard: 0.65, margin: 0.13, alignedMargin: 0.1, alignment: 0.35, slackDays: 7 };
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/**
 * `crowd` campaigns whose texts share 61 of 100 shingles with an agent's two flyers (each
 * is a candidate of theirs, 0.55 alike: boilerplate, not the text), months earlier; then
 * the agent's two flyers, pasting one text in one week. With `flyersFirst`, the flyers are
 * found first and the crowd after them: the flyers are then candidates of the crowd.
 */
function scene(crowd: number, flyersFirst = false) {
  const evidence: Evidence = emptyEvidence();
  const texts: Uint32Array[] = [];
  const found: FoundCampaign[] = [];
  const campaign = (id: string, day: string, core: number[]) => {
    const complaints = [0, 1].map((k) => {
      evidence.complaints.push({ id: `${id}-c${k}`, borrowerId: `${id}-b${k}`, channelId: 'regulator', filedAt: `${day}T0${k}:00:00Z` });
      texts.push(Uint32Array.from(core).sort());
      return evidence.complaints.length - 1;
    });
    found.push({ id, adSourceId: `${id}-flyer`, borrowerIds: [`${id}-b0`, `${id}-b1`], complaints });
  };
  const flyers = () => {
    campaign('street', '2024-06-01', range(0, 100));
    campaign('chat', '2024-06-02', range(0, 100));
  };
  if (flyersFirst) flyers();
  for (let i = 0; i < crowd; i++) campaign(`crowd-${String(i).padStart(3, '0')}`, '2024-01-10', [...range(0, 61), ...range(1000 + i * 10, 1010 + i * 10)]);
  if (!flyersFirst) flyers();
  return { evidence, found, shingles: { of: texts } };
}

const joinedFlyers = (crowd: number, flyersFirst = false) => {
  const { evidence, found, shingles } = scene(crowd, flyersFirst);
  return joinSiblingCampaigns(found, evidence, shingles, settings).filter((c) => c.borrowerIds.includes('street-b0')).map((c) => c.borrowerIds.length);
};

describe('When a text is shared by very many campaigns', () => {
  test('then up to 500 candidates the agent’s two flyers are still compared and joined', () => {
    expect(joinedFlyers(499)).toEqual([4]);
  });

  test('then beyond 500 the flyers are left as they were, not joined', () => {
    expect(joinedFlyers(501)).toEqual([2]);
  });

  test('then flyers found before the crowd are not joined either once a later campaign has more than 500 candidates, them among its candidates', () => {
    // The last of 498 campaigns after the flyers has 2 + 497 = 499 candidates; the last of 500, 501.
    expect(joinedFlyers(498, true)).toEqual([4]);
    expect(joinedFlyers(500, true)).toEqual([2]);
  });
});
