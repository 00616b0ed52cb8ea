/** What became of a mutant. */
export type MutantOutcome = "killed" | "survived" | "not-built" | "identical" | "error";

export interface MutationCounts {
  generated: number;
  killed: number;
  survived: number;
  notBuilt: number;
  identical: number;
  errors: number;
  /** killed / (killed + survived); undefined when no mutant counted. */
  score?: number;
}

/** Counts the outcomes; mutants that did not build or change nothing do not count in the score. */
export function mutationCounts(outcomes: MutantOutcome[]): MutationCounts {
  const count = (outcome: MutantOutcome) => outcomes.filter((o) => o === outcome).length;
  const killed = count("killed");
  const survived = count("survived");
  return {
    generated: outcomes.length,
    killed,
    survived,
    notBuilt: count("not-built"),
    identical: count("identical"),
    errors: count("error"),
    score: killed + survived === 0 ? undefined : killed / (killed + survived),
  };
}
