import { cypher, statementsOf } from '../../src/neo4j/cypherFiles';
import { schemaByLabel } from '../../src/neo4j/graphDatabase';

describe('the schema by label', () => {
  const statements = statementsOf(cypher('schema'));
  const groups = schemaByLabel(statements);
  const labelOf = (statement: string) => /FOR \(n:(\w+)\)/.exec(statement)?.[1];

  it('keeps every statement once, each label in one group, in the order of the file', () => {
    expect(groups.flat().sort()).toEqual([...statements].sort());
    for (const group of groups) {
      expect(new Set(group.map(labelOf)).size).toBe(1);
      expect(group).toEqual(statements.filter((s) => labelOf(s) === labelOf(group[0]!)));
    }
    expect(new Set(groups.map((g) => labelOf(g[0]!))).size).toBe(groups.length);
  });

  it('puts a constraint and the indexes on its label together, so no two lanes lock one label', () => {
    const alert = groups.find((g) => labelOf(g[0]!) === 'Alert')!;
    expect(alert.map((s) => /(CONSTRAINT|INDEX) (\w+)/.exec(s)![2])).toEqual(['alert_id', 'alert_raised_at', 'alert_status', 'alert_run_id', 'alert_next_attempt']);
    expect(groups.find((g) => labelOf(g[0]!) === 'Borrower')).toHaveLength(2);
  });

  it('reads a label in backticks, whatever its variable is called', () => {
    expect(schemaByLabel(['CREATE INDEX a FOR (x:`Odd`) ON (x.a)', 'CREATE INDEX b FOR (y:Odd) ON (y.b)', 'CREATE INDEX c FOR (n:Other) ON (n.c)'])).toEqual([
      ['CREATE INDEX a FOR (x:`Odd`) ON (x.a)', 'CREATE INDEX b FOR (y:Odd) ON (y.b)'],
      ['CREATE INDEX c FOR (n:Other) ON (n.c)'],
    ]);
  });
});
