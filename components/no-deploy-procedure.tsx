// A plan without a deploy procedure says so where Deploy would be used (issue 18): Deploy has nothing to run.

export function NoDeployProcedure({ hint = "give the runbook a deploy section with shell commands and import it again" }: { hint?: string }) {
  return (
    <p role="note" className="mt-4 rounded-md bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="no-deploy-procedure">
      No deploy procedure: add one. Without it Deploy has nothing to run; {hint}.
    </p>
  );
}
